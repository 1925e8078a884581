import type { INodeProperties } from 'n8n-workflow';

import { dateTimeField } from '../../shared/fields';
import { text } from '../../shared/shape';
import { priorityField } from '../work/fields';

/** The fields only issues have: priority, sprint and the planned start. */
export function issueFields(): INodeProperties[] {
	return [
		priorityField,
		{
			displayName: 'Sprint ID',
			name: 'sprint',
			type: 'string',
			default: '',
			placeholder: 'e.g. don:core:dvrv-us-1:devo/1abc:vista/7:vista_group/3',
			description: 'ID of the sprint the issue belongs to',
			routing: {
				send: { type: 'body', property: 'sprint', preSend: [text('sprint', 'Sprint ID')] },
			},
		},
		dateTimeField(
			'Target Start Date',
			'targetStartDate',
			'target_start_date',
			'When work on the issue is expected to start',
		),
	];
}
