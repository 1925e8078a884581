import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import { optionsCollection } from '../../shared/descriptions';
import { asNodeError } from '../../shared/errors';
import { simplifyField } from '../../shared/simplify';
import { devRevRequest } from '../../shared/transport';
import { custom, readSimplify, route, toItem, walkList } from '../../shared/transports';
import { invalidInput } from '../../shared/validate';
import type { ContactFieldName } from './contactFields';
import { additionalContactFields, contactField } from './contactFields';
import { revUserByKey } from './lookups';

/** What Create or Update matches rev users by: the field's name, its display name and DevRev's key. */
const MATCH_KEYS = {
	email: { field: 'Email', bodyKey: 'email' },
	externalRef: { field: 'External Ref', bodyKey: 'external_ref' },
} as const;

type MatchBy = keyof typeof MATCH_KEYS;
type Request = DeclarativeRestApiSettings.HttpRequestOptions;

/** The rev users DevRev lists for the match key's value (rev-users.list, every page). */
async function findMatches(
	context: IExecutePaginationFunctions,
	request: Request,
	bodyKey: string,
	value: unknown,
): Promise<IDataObject[]> {
	const lookup = { ...request, url: '/rev-users.list', body: { [bodyKey]: [value] } };
	return await walkList(context, lookup, 'rev_users', { acceptsLimit: true, limit: Infinity });
}

/** rev-users.create's rev user, or DevRev's 409 conflict when the email or external ref is taken. */
async function createUnlessTaken(
	context: IExecutePaginationFunctions,
	request: Request,
	fields: IDataObject,
): Promise<IDataObject | NodeApiError> {
	try {
		const create = { ...request, url: '/rev-users.create', body: fields };
		const created = await devRevRequest(context, create, { ifUnsure: revUserByKey });
		return created.rev_user as IDataObject;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '409') return error;
		throw asNodeError(context.getNode(), error);
	}
}

/** The one rev user to update, undefined for none; several are an error unless the oldest is wanted. */
function pickMatch(
	context: IExecutePaginationFunctions,
	matches: IDataObject[],
	matchBy: MatchBy,
	value: unknown,
): IDataObject | undefined {
	if (matches.length <= 1) return matches[0];
	const oldestFirst = [...matches].sort((a, b) =>
		String(a.created_date).localeCompare(String(b.created_date)),
	);
	if (context.getNodeParameter('options.updateOldest', false) as boolean) return oldestFirst[0];
	const ids = oldestFirst.map((user) => String(user.display_id ?? user.id)).join(', ');
	throw invalidInput(
		context,
		MATCH_KEYS[matchBy].field,
		`${matches.length} rev users match "${String(value)}": ${ids}`,
		'Turn on Options › Update Oldest Match to update the oldest of them, or merge the duplicates in DevRev.',
	);
}

/**
 * The fields to update a found rev user with: all but Options › Create-Only Fields, which only a
 * new rev user gets (a public form should not rename a known contact); the match key always.
 */
function withoutCreateOnly(
	context: IExecutePaginationFunctions,
	fields: IDataObject,
	matchKey: string,
): IDataObject {
	const createOnly = context.getNodeParameter('options.createOnly', []) as string[];
	return Object.fromEntries(
		Object.entries(fields).filter(([key]) => key === matchKey || !createOnly.includes(key)),
	);
}

/**
 * Create or Update (upsert), as n8n's HubSpot contact does it: look the rev user up by the match
 * key; none is created, one is updated. A create that loses a race to a concurrent one (DevRev's
 * 409 conflict: the key was taken meanwhile) looks up again and updates the rev user that won.
 */
const upsertRevUser = custom(async function (this, requestData) {
	const request = requestData.options;
	const fields = (request.body ?? {}) as IDataObject;
	const matchBy = this.getNodeParameter('matchBy', 'email') as MatchBy;
	const { bodyKey } = MATCH_KEYS[matchBy];
	const value = fields[bodyKey];
	const simplify = readSimplify(this, true);

	let match = pickMatch(this, await findMatches(this, request, bodyKey, value), matchBy, value);
	if (match === undefined) {
		const created = await createUnlessTaken(this, request, fields);
		if (!(created instanceof NodeApiError)) {
			return [{ json: { action: 'created', ...toItem(created, simplify, 'rev_user').json } }];
		}
		match = pickMatch(this, await findMatches(this, request, bodyKey, value), matchBy, value);
		if (match === undefined) throw created;
	}
	const body = { id: match.id, ...withoutCreateOnly(this, fields, bodyKey) };
	const updated = await devRevRequest(this, { ...request, url: '/rev-users.update', body });
	return [
		{
			json: {
				action: 'updated',
				...toItem(updated.rev_user as IDataObject, simplify, 'rev_user').json,
			},
		},
	];
});

/** The match key's field: required while it is the key, optional otherwise. */
function keyField(name: ContactFieldName & MatchBy): INodeProperties[] {
	const other = name === 'email' ? 'externalRef' : 'email';
	return [
		{ ...contactField(name, { required: true }), displayOptions: { show: { matchBy: [name] } } },
		{ ...contactField(name), displayOptions: { show: { matchBy: [other] } } },
	];
}

export const upsert: OperationDefinition = {
	option: {
		name: 'Create or Update',
		value: 'upsert',
		action: 'Create or update a rev user',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		// Looks the rev user up, then sends the fields to /rev-users.create or /rev-users.update.
		routing: route({ method: 'POST', url: '/rev-users.list' }, upsertRevUser),
	},
	fields: [
		{
			displayName: 'Match By',
			name: 'matchBy',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email', description: 'The rev user with this email is updated' },
				{
					name: 'External Ref',
					value: 'externalRef',
					description: 'The rev user with this external ref is updated',
				},
			],
			default: 'email',
			description:
				'The field that finds the rev user to update; when none has it, a rev user is created',
		},
		...keyField('email'),
		...keyField('externalRef'),
		contactField('displayName'),
		contactField('phoneNumbers'),
		contactField('description'),
		simplifyField,
		additionalContactFields,
		optionsCollection([
			{
				displayName: 'Create-Only Fields',
				name: 'createOnly',
				type: 'multiOptions',
				options: [
					{ name: 'Description', value: 'description' },
					{ name: 'Display Name', value: 'display_name' },
					{ name: 'Display Picture ID', value: 'display_picture' },
					{ name: 'Email', value: 'email' },
					{ name: 'External Ref', value: 'external_ref' },
					{ name: 'Phone Numbers', value: 'phone_numbers' },
				],
				default: [],
				description:
					'Fields a new rev user gets but an existing one keeps as it is, e.g. the name a public form is given. The match key is always sent.',
			},
			{
				displayName: 'Update Oldest Match',
				name: 'updateOldest',
				type: 'boolean',
				default: false,
				description:
					'Whether to update the oldest of several rev users that match, instead of failing with their IDs',
			},
		]),
	],
};
