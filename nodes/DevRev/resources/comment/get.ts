import type { OperationDefinition } from '../../shared/descriptions';
import { commentSimplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';
import { commentIdField } from './fields';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a comment',
		description: 'Get one comment by ID',
		routing: route(
			{ method: 'POST', url: '/timeline-entries.get' },
			oneObject('timeline_entry', { simplifiable: true }),
		),
	},
	fields: [commentIdField, commentSimplifyField],
};
