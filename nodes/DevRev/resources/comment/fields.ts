import type { INodeProperties } from 'n8n-workflow';

import { shaping, text } from '../../shared/shape';
import { invalidInput, requireText } from '../../shared/validate';

/** The objects a comment can be on: tickets, issues, rev users and accounts (DON or display ID). */
const OBJECT_ID =
	/^(don:[a-z]+:[^:\s]+:devo\/[^:\s]+:(ticket|issue|revu|account)\/[A-Za-z0-9_-]+|(TKT|ISS)-[0-9]+|(REVU|ACC)-[A-Za-z0-9_-]+)$/;
const COMMENT_ID =
	/^don:core:[^:\s]+:devo\/[^:\s]+:[a-z_]+\/[A-Za-z0-9_-]+:comment\/[A-Za-z0-9_-]+$/;

interface IdField {
	displayName: string;
	name: string;
	property: string;
	form: RegExp;
	noun: string;
	placeholder: string;
	description: string;
	hint?: string;
}

/** An ID typed or given by an expression, its form checked before any request. */
function idField(field: IdField): INodeProperties {
	const { property, form, noun, ...shown } = field;
	const check = shaping(property, (context, value) => {
		const id = requireText(context, value, field.displayName);
		if (form.test(id)) return id;
		throw invalidInput(
			context,
			field.displayName,
			`"${id}" is not a valid ${noun} ID`,
			field.placeholder,
		);
	});
	return {
		...shown,
		type: 'string',
		required: true,
		default: '',
		routing: { send: { type: 'body', property, preSend: [check] } },
	};
}

export const objectIdField = idField({
	displayName: 'Object ID',
	name: 'object',
	property: 'object',
	form: OBJECT_ID,
	noun: 'ticket, issue, rev user or account',
	placeholder: 'e.g. TKT-123, ISS-45, REVU-AbCdEf or ACC-12345',
	description: 'The ticket, issue, rev user or account the comments are on',
	hint: 'A display ID or DON of a ticket, issue, rev user or account',
});

export const commentIdField = idField({
	displayName: 'Comment ID',
	name: 'commentId',
	property: 'id',
	form: COMMENT_ID,
	noun: 'comment',
	placeholder: 'e.g. don:core:dvrv-us-1:devo/1abc:ticket/123:comment/AbCdEf',
	description: 'The comment, by its ID (the "id" of a comment from Get Many or Add)',
});

export const commentBodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 4 },
	required: true,
	default: '',
	placeholder: 'e.g. Thanks, we are looking into it.',
	description: 'The comment, in markdown',
	routing: { send: { type: 'body', property: 'body', preSend: [text('body', 'Body')] } },
};

export const VISIBILITIES = [
	{
		name: 'External',
		value: 'external',
		description: 'Seen by your team and the customer’s contacts',
	},
	{ name: 'Internal', value: 'internal', description: 'Seen by your team only' },
	{ name: 'Private', value: 'private', description: 'Seen by its author only' },
	{ name: 'Public', value: 'public', description: 'Seen by everyone' },
];
