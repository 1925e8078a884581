import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import type { RequestContext } from '../../shared/session';
import { commentSimplifyField } from '../../shared/simplify';
import { devRevRequest } from '../../shared/transport';
import { oneObject, route } from '../../shared/transports';
import { commentBodyField, objectIdField, VISIBILITIES } from './fields';

/**
 * After an unclear timeline-entries.create: the comment with this body on the object, added in
 * the last two minutes, when there is exactly one. Comments have no unique key, so a miss is no
 * proof either way: the item then fails, saying what to check.
 */
async function justAdded(context: RequestContext, body: IDataObject) {
	const since = Date.now() - 120_000;
	const request = {
		method: 'POST' as const,
		url: '/timeline-entries.list',
		body: { object: body.object, limit: 50 },
	};
	const { timeline_entries: entries = [] } = await devRevRequest(context, request);
	const same = (entries as IDataObject[]).filter(
		(entry) =>
			entry.type === 'timeline_comment' &&
			entry.body === body.body &&
			Date.parse(String(entry.created_date)) >= since,
	);
	return same.length === 1 ? { timeline_entry: same[0] } : undefined;
}

export const add: OperationDefinition = {
	option: {
		name: 'Add',
		value: 'add',
		action: 'Add a comment',
		description: 'Comment on a ticket, issue, rev user or account',
		routing: route(
			{ method: 'POST', url: '/timeline-entries.create' },
			oneObject('timeline_entry', {
				simplifiable: true,
				ifUnsure: justAdded,
				unsureAdvice: "Look at the object's comments in DevRev before running this item again.",
			}),
			{ type: 'body', property: 'type', value: 'timeline_comment' },
		),
	},
	fields: [
		objectIdField,
		commentBodyField,
		{
			displayName: 'Visibility',
			name: 'visibility',
			type: 'options',
			options: VISIBILITIES,
			default: 'external',
			description: 'Who sees the comment',
			routing: { send: { type: 'body', property: 'visibility' } },
		},
		commentSimplifyField,
	],
};
