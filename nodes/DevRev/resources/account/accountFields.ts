import type { INodeProperties } from 'n8n-workflow';

import { listField } from '../../shared/fields';
import { locatorField } from '../../shared/locators';
import { oneAsList, text } from '../../shared/shape';

/** A text field of an account, sent as `property`. */
function textField(
	displayName: string,
	name: string,
	property: string,
	details: { placeholder: string; description: string },
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		...details,
		routing: { send: { type: 'body', property, preSend: [text(property, displayName)] } },
	};
}

export const accountDisplayName = textField('Display Name', 'displayName', 'display_name', {
	placeholder: 'e.g. Acme Inc.',
	description: 'Name of the account (the company)',
});

/**
 * The account fields of accounts.create and accounts.update, as DevRev's spec names them,
 * alphabetical; Display Name only where it is optional (update). accounts.update takes websites
 * as `{"set": [...]}`, every other list as the list itself.
 */
export function accountEntries(shape: 'create' | 'update'): INodeProperties[] {
	return [
		textField('Description', 'description', 'description', {
			placeholder: 'e.g. Enterprise customer since 2021',
			description: 'Description of the account',
		}),
		...(shape === 'update' ? [accountDisplayName] : []),
		listField({
			displayName: 'Domains',
			name: 'domains',
			property: 'domains',
			placeholder: 'e.g. acme.com',
			description: "The company's domain names",
		}),
		listField({
			displayName: 'External Refs',
			name: 'externalRefs',
			property: 'external_refs',
			placeholder: 'e.g. sf-0011x00000AbCdE',
			description: "The account's IDs in your own systems of record; DevRev holds them unique",
		}),
		locatorField({
			kind: 'devUser',
			displayName: 'Owned By',
			name: 'ownedBy',
			property: 'owned_by',
			description: 'The dev user who owns the account',
			required: false,
			preSend: [oneAsList('owned_by', 'list')],
		}),
		textField('Tier', 'tier', 'tier', {
			placeholder: 'e.g. Tier 1',
			description: 'Tier of the account, as your DevRev organization names tiers',
		}),
		listField({
			displayName: 'Websites',
			name: 'websites',
			property: 'websites',
			placeholder: 'e.g. www.acme.com',
			description: "The company's websites; DevRev fills in Domains from them",
			set: shape === 'update',
		}),
	];
}

/** The Account ID picker of Get, Update and Delete, sent as `id`. */
export function accountIdField(description: string): INodeProperties {
	return locatorField({
		kind: 'account',
		displayName: 'Account ID',
		name: 'accountId',
		property: 'id',
		description,
	});
}
