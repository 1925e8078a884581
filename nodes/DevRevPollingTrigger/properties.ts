import type { INodeProperties } from 'n8n-workflow';

import { FILTER_PROPERTIES } from './filters';
import { RESOURCE_OPTIONS } from './resources';

const NOTICE: INodeProperties = {
	displayName:
		"Asks DevRev for changes at the Poll Times, so n8n needs no public URL (the DevRev Trigger reacts at once but needs one). Publishing starts from that moment; after n8n was stopped, the next poll catches up. Deleted objects are not seen by polling: use the DevRev Trigger's Deleted events for them.",
	name: 'pollingNotice',
	type: 'notice',
	default: '',
};

const OPTIONS: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Changes Per Poll',
			name: 'maxPerPoll',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description:
				'The most objects one poll emits, oldest change first; the rest come with the next polls. Without this option a poll emits every change since the last one.',
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description:
				'Whether to output a flat record (ID, names or title, the fields a user sets, linked objects as IDs and names, dates) instead of the whole object',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			placeholder: 'e.g. 2024-05-01T09:30:00Z',
			hint: 'Used by the first poll only. A time without a zone is read in the workflow time zone.',
			description:
				'Emit the changes made since this time at the first poll after publishing, instead of starting from that moment',
		},
	],
};

export const PROPERTIES: INodeProperties[] = [
	NOTICE,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCE_OPTIONS,
		default: 'revUser',
	},
	{
		displayName: 'Trigger When',
		name: 'triggerWhen',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Created',
				value: 'created',
				description: 'When a new object appears (by its created date)',
			},
			{
				name: 'Created or Updated',
				value: 'createdOrUpdated',
				description: 'When an object is created or changed (by its modified date)',
			},
		],
		default: 'created',
	},
	...FILTER_PROPERTIES,
	OPTIONS,
];
