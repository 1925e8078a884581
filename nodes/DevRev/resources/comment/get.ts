import type { OperationDefinition } from '../../shared/descriptions';
import { commentSimplifyField } from '../../shared/simplify';
import { oneObject, sentBy } from '../../shared/transports';
import { commentIdField } from './fields';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a comment',
		description: 'Get one comment by ID',
		routing: {
			request: { method: 'POST', url: '/timeline-entries.get' },
			...sentBy(oneObject('timeline_entry', { simplifiable: true })),
		},
	},
	fields: [commentIdField, commentSimplifyField],
};
