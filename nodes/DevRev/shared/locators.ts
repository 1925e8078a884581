import type { IExecuteSingleFunctions, INodeProperties, PreSendAction } from 'n8n-workflow';

import { shaping } from './shape';
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

interface LocatorSpec {
	kind: LocatorKind;
	displayName: string;
	name: string;
	/** Where DevRev takes the ID in the body. */
	property: string;
	description: string;
	required?: boolean;
	hint?: string;
	/** What to do with the checked ID before it is sent (e.g. an account's default rev org). */
	preSend?: PreSendAction[];
}

/**
 * A resource locator (From List, By ID, By URL) for a rev user, rev org or account, sent as
 * `property`: n8n puts the picked ID there (the one a URL holds, for By URL); checkedId checks it.
 */
export function locatorField(spec: LocatorSpec): INodeProperties {
	const { kind, displayName, name, property, description, required = true, hint } = spec;
	const check = checkedId(property, kind, name, displayName);
	const { noun, search, idExample, id, url, urlExample } = KINDS[kind];
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required,
		default: { mode: 'list', value: '' },
		description,
		...(hint ? { hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun}...`,
				typeOptions: { searchListMethod: search, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: idExample,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: blankOr(id),
							errorMessage: `${displayName}: not a valid ${noun} ID`,
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: urlExample,
				extractValue: { type: 'regex', regex: url },
				validation: [
					{
						// n8n matches this against the whole value, so allow a query or subpath.
						type: 'regex',
						properties: {
							regex: blankOr(`${url}(?:[/?#].*)?$`),
							errorMessage: `${displayName}: not a DevRev app URL of a ${noun}`,
						},
					},
				],
			},
		],
		routing: {
			send: { type: 'body', property, preSend: [check, ...(spec.preSend ?? [])] },
		},
	};
}

/** The mode the user picked the value in (list, id or url), read without evaluating it. */
function modeOf(context: IExecuteSingleFunctions, parameter: string): string | undefined {
	const raw = context.getNodeParameter(parameter, undefined, { extractValue: false });
	return raw && typeof raw === 'object' ? (raw as { mode?: string }).mode : undefined;
}

/** The picked ID must not be blank; an ID typed By ID (or given by its expression) must have the DevRev form. */
export function checkedId(
	property: string,
	kind: LocatorKind,
	parameter: string,
	field: string,
): PreSendAction {
	return shaping(property, (context, value) => {
		const id = requireText(context, value, field);
		const { id: form, noun, idExample } = KINDS[kind];
		if (modeOf(context, parameter) === 'id' && !new RegExp(form).test(id)) {
			throw invalidInput(context, field, `"${id}" is not a valid ${noun} ID`, idExample);
		}
		return id;
	});
}
