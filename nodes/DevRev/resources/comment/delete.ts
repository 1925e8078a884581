import type { OperationDefinition } from '../../shared/descriptions';
import { deletion, sentBy } from '../../shared/transports';
import { commentIdField } from './fields';

export const deleteComment: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a comment',
		description: 'Delete a comment; the output names it',
		routing: {
			request: { method: 'POST', url: '/timeline-entries.delete' },
			...sentBy(deletion()),
		},
	},
	fields: [commentIdField],
};
