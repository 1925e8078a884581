import { resourceProperties } from '../../shared/descriptions';
import { listField } from '../../shared/fields';
import { deleteWork, getManyWorks, getWork, updateWork } from '../work/operations';
import { create } from './create';
import { ticketFields, ticketRevOrgField } from './fields';

const ticketFilters = [
	listField({
		displayName: 'Rev Org',
		name: 'revOrg',
		property: 'ticket.rev_org',
		placeholder: 'e.g. REV-AbCdEfGh',
		description: 'IDs of the rev orgs the tickets are about',
	}),
	{
		displayName: 'Severity',
		name: 'severity',
		type: 'multiOptions' as const,
		options: [
			{ name: 'Blocker', value: 'blocker' },
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
		],
		default: [],
		description: 'Severities of the tickets',
		routing: { send: { type: 'body' as const, property: 'ticket.severity' } },
	},
];

export const ticketProperties = resourceProperties('ticket', 'create', [
	create,
	deleteWork('ticket'),
	getWork('ticket'),
	getManyWorks('ticket', ticketFilters),
	updateWork('ticket', [...ticketFields(), ticketRevOrgField()]),
]);
