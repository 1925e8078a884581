import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import { returnAllAndLimit } from '../../shared/descriptions';
import { commentSimplifyField } from '../../shared/simplify';
import { listOf, route } from '../../shared/transports';
import { objectIdField, VISIBILITIES } from './fields';

/** An object's timeline holds other entries too (changes, events): only comments are put out. */
const isComment = (entry: IDataObject) => entry.type === 'timeline_comment';

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many comments',
		description: 'List the comments on a ticket, issue, rev user or account, newest first',
		routing: route(
			{ method: 'POST', url: '/timeline-entries.list' },
			listOf('timeline_entries', { acceptsLimit: true, simplifiable: true, keep: isComment }),
		),
	},
	fields: [
		objectIdField,
		...returnAllAndLimit(),
		commentSimplifyField,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Visibility',
					name: 'visibility',
					type: 'multiOptions',
					options: VISIBILITIES,
					default: [],
					description: 'Only comments with one of these visibilities',
					routing: { send: { type: 'body', property: 'visibility' } },
				},
			],
		},
	],
};
