import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
	INodePropertyMode,
	PreSendAction,
} from 'n8n-workflow';

import { hasAt, putAt, valueAt } from './body';
import { nodeError } from './errors';
import { devRevRequest } from './transport';
import { checkEmails, invalidInput, requireText } from './validate';

const APP = '^https://app\\.devrev\\.ai/.*?/';

interface Kind {
	/** The ID forms DevRev accepts: the DON and the display ID. */
	id: string;
	idExample: string;
	/** The display ID inside a DevRev app link, when the app has pages for the object. */
	url?: string;
	urlExample?: string;
	/** The listSearch method of From List. */
	search: string;
	noun: string;
	/** What From List offers, where By ID takes more (rev orgs: accounts too). */
	listNoun?: string;
	/** Whether it can be given by its email (dev users). */
	byEmail?: true;
}

/** What each picker accepts in its By ID, By URL and By Email modes. */
const KINDS = {
	revUser: {
		id: '^(don:identity:[^:\\s]+:devo/[^:\\s]+:revu/[A-Za-z0-9_-]+|REVU-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. don:identity:dvrv-us-1:devo/1abc:revu/XyZ123 or REVU-XyZ123',
		url: `${APP}(REVU-[A-Za-z0-9_-]+)`,
		urlExample: 'e.g. https://app.devrev.ai/acme/contacts/REVU-XyZ123',
		search: 'searchRevUsers',
		noun: 'rev user',
	},
	revOrg: {
		id: '^(don:[a-z]+:[^:\\s]+:devo/[^:\\s]+:(revo|account)/[A-Za-z0-9_-]+|(REV|ACC)-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. REV-AbCdEfGh or ACC-12345',
		url: `${APP}((?:REV|ACC)-[A-Za-z0-9_-]+)`,
		urlExample: 'e.g. https://app.devrev.ai/acme/accounts/ACC-12345',
		search: 'searchRevOrgs',
		noun: 'rev org or account',
		listNoun: 'rev org',
	},
	account: {
		id: '^(don:[a-z]+:[^:\\s]+:devo/[^:\\s]+:account/[A-Za-z0-9_-]+|ACC-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. ACC-12345 or don:core:dvrv-us-1:devo/1abc:account/12345',
		url: `${APP}(ACC-[A-Za-z0-9_-]+)`,
		urlExample: 'e.g. https://app.devrev.ai/acme/accounts/ACC-12345',
		search: 'searchAccounts',
		noun: 'account',
	},
	devUser: {
		id: '^(don:identity:[^:\\s]+:devo/[^:\\s]+:devu/[A-Za-z0-9_-]+|DEVU-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. DEVU-12 or don:identity:dvrv-us-1:devo/1abc:devu/12',
		search: 'searchDevUsers',
		noun: 'dev user',
		byEmail: true,
	},
	part: {
		id: '^(don:core:[^:\\s]+:devo/[^:\\s]+:(product|capability|feature|enhancement)/[A-Za-z0-9_-]+|(PROD|CAPL|FEAT|ENH)-[A-Za-z0-9_-]+)$',
		idExample: 'e.g. PROD-12 or FEAT-345',
		url: `${APP}((?:PROD|CAPL|FEAT|ENH)-[A-Za-z0-9_-]+)`,
		urlExample: 'e.g. https://app.devrev.ai/acme/parts/PROD-12',
		search: 'searchParts',
		noun: 'part',
	},
	ticket: {
		id: '^(don:core:[^:\\s]+:devo/[^:\\s]+:ticket/[0-9]+|TKT-[0-9]+)$',
		idExample: 'e.g. TKT-123 or don:core:dvrv-us-1:devo/1abc:ticket/123',
		url: `${APP}(TKT-[0-9]+)`,
		urlExample: 'e.g. https://app.devrev.ai/acme/works/TKT-123',
		search: 'searchTickets',
		noun: 'ticket',
	},
	issue: {
		id: '^(don:core:[^:\\s]+:devo/[^:\\s]+:issue/[0-9]+|ISS-[0-9]+)$',
		idExample: 'e.g. ISS-45 or don:core:dvrv-us-1:devo/1abc:issue/45',
		url: `${APP}(ISS-[0-9]+)`,
		urlExample: 'e.g. https://app.devrev.ai/acme/works/ISS-45',
		search: 'searchIssues',
		noun: 'issue',
	},
} satisfies Record<string, Kind>;

export type LocatorKind = keyof typeof KINDS;

const EMAIL_FORM = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

/**
 * The editor checks a mode's regex even on a blank value and would report it next to "is
 * required": a blank value passes here, so a blank field shows one issue. The run-time check
 * (checkedId) keeps the strict form.
 */
function blankOr(regex: string): string {
	return `(?:${regex})?`;
}

function regexMode(
	mode: Omit<INodePropertyMode, 'type'>,
	regex: string,
	errorMessage: string,
): INodePropertyMode {
	const validation = [
		{ type: 'regex' as const, properties: { regex: blankOr(regex), errorMessage } },
	];
	return { ...mode, type: 'string', validation };
}

/** By ID, and By URL (objects with app pages) or By Email (dev users): From List comes first. */
function typedModes(kind: Kind, displayName: string): INodePropertyMode[] {
	const { noun } = kind;
	const byId = { displayName: 'By ID', name: 'id', placeholder: kind.idExample };
	const modes = [
		regexMode(byId, kind.id, `${displayName}: not a valid ${noun} ID, ${kind.idExample}`),
	];
	if (kind.url) {
		const byUrl = {
			displayName: 'By URL',
			name: 'url',
			placeholder: kind.urlExample,
			extractValue: { type: 'regex' as const, regex: kind.url },
		};
		// n8n matches this against the whole value, so allow a query or subpath.
		const form = `${kind.url}(?:[/?#].*)?$`;
		modes.push(regexMode(byUrl, form, `${displayName}: not a DevRev app URL of a ${noun}`));
	}
	if (kind.byEmail) {
		const byEmail = { displayName: 'By Email', name: 'email', placeholder: 'e.g. ada@example.com' };
		modes.push(regexMode(byEmail, EMAIL_FORM, `${displayName}: not an email address`));
	}
	return modes;
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
 * A resource locator (From List, By ID, By URL or By Email), sent as `property`: n8n puts the
 * picked value there (the ID a URL holds, for By URL); checkedId checks it, and turns an email
 * into the dev user's ID.
 */
export function locatorField(spec: LocatorSpec): INodeProperties {
	const { kind, displayName, name, property, description, required = true, hint } = spec;
	const check = checkedId(property, kind, name, displayName);
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
				placeholder: `Select a ${(KINDS[kind] as Kind).listNoun ?? KINDS[kind].noun}...`,
				typeOptions: { searchListMethod: KINDS[kind].search, searchable: true },
			},
			...typedModes(KINDS[kind], displayName),
		],
		routing: {
			send: { type: 'body', property, preSend: [check, ...(spec.preSend ?? [])] },
		},
	};
}

/**
 * The mode the user picked the value in (list, id, url or email), from the raw parameter: the
 * field's own, or the entry of that name in one of the operation's collections.
 */
function modeOf(context: IExecuteSingleFunctions, name: string): string | undefined {
	const parameters = context.getNode().parameters as IDataObject;
	const owners = [parameters, ...Object.values(parameters)] as unknown[];
	const owner = owners.find((entry) => !!entry && typeof entry === 'object' && name in entry);
	const raw = (owner as IDataObject | undefined)?.[name];
	return raw && typeof raw === 'object' ? (raw as { mode?: string }).mode : undefined;
}

/** The dev user with this email (dev-users.list), by its ID. */
async function devUserByEmail(
	context: IExecuteSingleFunctions,
	email: string,
	field: string,
): Promise<string> {
	const request = { method: 'POST' as const, url: '/dev-users.list', body: { email: [email] } };
	const [user] = ((await devRevRequest(context, request)).dev_users ?? []) as Array<{ id: string }>;
	if (user) return user.id;
	throw nodeError(context.getNode(), `${field}: DevRev has no dev user with the email ${email}`, {
		itemIndex: context.getItemIndex(),
		description: 'Pick the dev user from the list, or check the address.',
	});
}

/**
 * The picked value must not be blank; an app link gives the ID it holds; an ID typed By ID (or
 * given by its expression) must have the DevRev form; an email (By Email) is looked up and sent
 * as the dev user's ID.
 */
export function checkedId(
	property: string,
	kind: LocatorKind,
	parameter: string,
	field: string,
): PreSendAction {
	return async function (this, options) {
		if (!hasAt(options, property)) return options;
		const { id: form, noun, idExample, url } = KINDS[kind] as Kind;
		const given = requireText(this, valueAt(options, property), field);
		// A DevRev app link works wherever an ID does (a form's visitor pastes what the app shows).
		const value = (url && new RegExp(url).exec(given)?.[1]) || given;
		const mode = modeOf(this, parameter);
		if (mode === 'email') {
			const [email] = checkEmails(this, [value], field);
			putAt(options, property, await devUserByEmail(this, email, field));
			return options;
		}
		if (mode === 'id' && !new RegExp(form).test(value)) {
			throw invalidInput(this, field, `"${value}" is not a valid ${noun} ID`, idExample);
		}
		putAt(options, property, value);
		return options;
	};
}
