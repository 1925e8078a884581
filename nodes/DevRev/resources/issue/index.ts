import { resourceProperties } from '../../shared/descriptions';
import { deleteWork, getManyWorks, getWork, updateWork } from '../work/operations';
import { create } from './create';
import { issueFields } from './fields';

const issueFilters = [
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'multiOptions' as const,
		options: [
			{ name: 'P0', value: 'p0' },
			{ name: 'P1', value: 'p1' },
			{ name: 'P2', value: 'p2' },
			{ name: 'P3', value: 'p3' },
		],
		default: [],
		description: 'Priorities of the issues',
		routing: { send: { type: 'body' as const, property: 'issue.priority' } },
	},
];

export const issueProperties = resourceProperties('issue', 'create', [
	create,
	deleteWork('issue'),
	getWork('issue'),
	getManyWorks('issue', issueFilters),
	updateWork('issue', issueFields()),
]);
