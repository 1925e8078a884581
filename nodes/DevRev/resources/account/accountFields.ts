import type { IDataObject, INodeProperties, PreSendAction } from 'n8n-workflow';

import { locatorField, sendLocatorId } from '../../shared/locators';
import { sendText, sendTextList, setBody } from '../../shared/send';
import { toTextList } from '../../shared/validate';

interface AccountField {
	displayName: string;
	bodyKey: string;
	placeholder: string;
	description: string;
	list?: true;
}

/** The account fields of accounts.create and accounts.update, as DevRev's spec names them. */
const ACCOUNT_FIELDS: Record<string, AccountField> = {
	description: {
		displayName: 'Description',
		bodyKey: 'description',
		placeholder: 'e.g. Enterprise customer since 2021',
		description: 'Description of the account',
	},
	displayName: {
		displayName: 'Display Name',
		bodyKey: 'display_name',
		placeholder: 'e.g. Acme Inc.',
		description: 'Name of the account (the company)',
	},
	domains: {
		displayName: 'Domains',
		bodyKey: 'domains',
		placeholder: 'e.g. acme.com',
		description: "The company's domain names",
		list: true,
	},
	externalRefs: {
		displayName: 'External Refs',
		bodyKey: 'external_refs',
		placeholder: 'e.g. sf-0011x00000AbCdE',
		description: "The account's IDs in your own systems of record; DevRev holds them unique",
		list: true,
	},
	ownedBy: {
		displayName: 'Owned By',
		bodyKey: 'owned_by',
		placeholder: 'e.g. don:identity:dvrv-us-1:devo/1abc:devu/1',
		description: 'IDs of the dev users who own the account',
		list: true,
	},
	tier: {
		displayName: 'Tier',
		bodyKey: 'tier',
		placeholder: 'e.g. Tier 1',
		description: 'Tier of the account, as your DevRev organization names tiers',
	},
	websites: {
		displayName: 'Websites',
		bodyKey: 'websites',
		placeholder: 'e.g. www.acme.com',
		description: "The company's websites; DevRev fills in Domains from them",
		list: true,
	},
};

/** accounts.update takes websites as {set: [...]}; every other list as the list itself. */
function sendWebsitesSet(parameter: string): PreSendAction {
	return async function (this, options) {
		const websites = toTextList(this, this.getNodeParameter(parameter), 'Websites');
		return setBody(options, 'websites', { set: websites } as IDataObject);
	};
}

/** An entry of Additional Fields (create) or Update Fields (update): sent, and checked, once added. */
export function accountEntry(
	collection: string,
	name: string,
	shape: 'create' | 'update',
): INodeProperties {
	const { displayName, bodyKey, placeholder, description, list } = ACCOUNT_FIELDS[name];
	const parameter = `${collection}.${name}`;
	const send =
		name === 'websites' && shape === 'update'
			? sendWebsitesSet(parameter)
			: list
				? sendTextList(parameter, bodyKey, displayName)
				: sendText(parameter, bodyKey, displayName);
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
		hint: list ? 'Separate several with commas' : undefined,
		routing: { send: { preSend: [send] } },
	};
}

/** The account entries of a collection, alphabetical; Display Name only where it is optional. */
export function accountEntries(collection: string, shape: 'create' | 'update'): INodeProperties[] {
	return Object.keys(ACCOUNT_FIELDS)
		.filter((name) => shape === 'update' || name !== 'displayName')
		.map((name) => accountEntry(collection, name, shape));
}

/** The Account ID picker of Get, Update and Delete, sent as `id`. */
export function accountIdField(description: string): INodeProperties {
	return {
		...locatorField('account', 'Account ID', 'accountId', description),
		routing: { send: { preSend: [sendLocatorId('account', 'accountId', 'id', 'Account ID')] } },
	};
}
