import type { OperationDefinition } from '../../shared/descriptions';
import { deletion, route } from '../../shared/transports';
import { commentIdField } from './fields';

export const deleteComment: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a comment',
		description: 'Delete a comment; the output names it',
		routing: route({ method: 'POST', url: '/timeline-entries.delete' }, deletion()),
	},
	fields: [commentIdField],
};
