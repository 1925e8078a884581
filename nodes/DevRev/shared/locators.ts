import type { IExecuteSingleFunctions, INodeProperties, PreSendAction } from 'n8n-workflow';

import { setBody } from './send';
import { invalidInput, requireText } from './validate';

/** What a Rev User or Rev Org picker accepts in its By ID and By URL modes. */
const KINDS = {
	revUser: {
		id: '^(don:identity:[^:\\s]+:devo/[^:\\s]+:revu/[A-Za-z0-9_-]+|REVU-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. don:identity:dvrv-us-1:devo/1abc:revu/XyZ123 or REVU-XyZ123',
		url: '^https://app\\.devrev\\.ai/.*?/(REVU-[A-Za-z0-9_-]+)',
		urlExample: 'e.g. https://app.devrev.ai/acme/contacts/REVU-XyZ123',
		search: 'searchRevUsers',
		noun: 'rev user',
	},
	revOrg: {
		id: '^(don:[a-z]+:[^:\\s]+:devo/[^:\\s]+:(revo|account)/[A-Za-z0-9_-]+|(REV|ACC)-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. REV-AbCdEfGh or ACC-12345',
		url: '^https://app\\.devrev\\.ai/.*?/((?:REV|ACC)-[A-Za-z0-9_-]+)',
		urlExample: 'e.g. https://app.devrev.ai/acme/accounts/ACC-12345',
		search: 'searchRevOrgs',
		noun: 'rev org or account',
	},
	account: {
		id: '^(don:[a-z]+:[^:\\s]+:devo/[^:\\s]+:account/[A-Za-z0-9_-]+|ACC-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. ACC-12345 or don:core:dvrv-us-1:devo/1abc:account/12345',
		url: '^https://app\\.devrev\\.ai/.*?/(ACC-[A-Za-z0-9_-]+)',
		urlExample: 'e.g. https://app.devrev.ai/acme/accounts/ACC-12345',
		search: 'searchAccounts',
		noun: 'account',
	},
} as const;

export type LocatorKind = keyof typeof KINDS;

/**
 * The editor checks a mode's regex even on a blank value and would report it next to "is
 * required": a blank value passes here, so a blank field shows one issue. The run-time check
 * (readLocatorId) keeps the strict form.
 */
function blankOr(regex: string): string {
	return `(?:${regex})?`;
}

/** A resource locator (From List, By ID, By URL) for a rev user or a rev org. */
export function locatorField(
	kind: LocatorKind,
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	const spec = KINDS[kind];
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.noun}...`,
				typeOptions: { searchListMethod: spec.search, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idExample,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: blankOr(spec.id),
							errorMessage: `${displayName}: not a valid ${spec.noun} ID`,
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: spec.urlExample,
				extractValue: { type: 'regex', regex: spec.url },
				validation: [
					{
						// n8n matches this against the whole value, so allow a query or subpath.
						type: 'regex',
						properties: {
							regex: blankOr(`${spec.url}(?:[/?#].*)?$`),
							errorMessage: `${displayName}: not a DevRev app URL of a ${spec.noun}`,
						},
					},
				],
			},
		],
	};
}

/**
 * The picked ID; an ID typed By ID must have the DevRev ID form. The parameter is read (and its
 * expression evaluated) once; only By URL asks n8n again, to extract the ID from the link.
 */
export function readLocatorId(
	context: IExecuteSingleFunctions,
	kind: LocatorKind,
	parameter: string,
	field: string,
): string {
	const raw = context.getNodeParameter(parameter, undefined, { extractValue: false }) as
		| { mode?: string; value?: unknown }
		| string;
	const picked =
		typeof raw !== 'object' || raw === null
			? raw
			: raw.mode === 'url'
				? context.getNodeParameter(parameter, undefined, { extractValue: true })
				: raw.value;
	const id = requireText(context, picked, field);
	if (typeof raw === 'object' && raw?.mode === 'id' && !new RegExp(KINDS[kind].id).test(id)) {
		throw invalidInput(
			context,
			field,
			`"${id}" is not a valid ${KINDS[kind].noun} ID`,
			KINDS[kind].idExample,
		);
	}
	return id;
}

/** Sends the picked ID under bodyKey. */
export function sendLocatorId(
	kind: LocatorKind,
	parameter: string,
	bodyKey: string,
	field: string,
): PreSendAction {
	return async function (this, options) {
		return setBody(options, bodyKey, readLocatorId(this, kind, parameter, field));
	};
}
