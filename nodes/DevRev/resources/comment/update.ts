import type { OperationDefinition } from '../../shared/descriptions';
import { commentSimplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';
import { commentBodyField, commentIdField } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a comment',
		description: 'Change the body of a comment',
		routing: route(
			{ method: 'POST', url: '/timeline-entries.update' },
			oneObject('timeline_entry', { simplifiable: true }),
			{
				type: 'body',
				property: 'type',
				value: 'timeline_comment',
			},
		),
	},
	fields: [commentIdField, commentBodyField, commentSimplifyField],
};
