import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { sendOptionalRevOrgId } from '../../shared/revOrgs';
import {
	sendCustomFields,
	sendOptionalText,
	sendOptionalTextList,
	sendText,
	sendTextList,
} from '../../shared/send';

interface ContactField {
	displayName: string;
	bodyKey: string;
	placeholder: string;
	description: string;
	hint?: string;
	list?: 'e164';
}

/** The rev user fields of rev-users.create and rev-users.update, as DevRev's spec names them. */
const CONTACT_FIELDS = {
	description: {
		displayName: 'Description',
		bodyKey: 'description',
		placeholder: 'e.g. Signed up through the website',
		description: 'Description of the rev user',
	},
	displayName: {
		displayName: 'Display Name',
		bodyKey: 'display_name',
		placeholder: 'e.g. Ada Lovelace',
		description: 'Name of the rev user as DevRev shows it; names need not be unique',
	},
	displayPicture: {
		displayName: 'Display Picture ID',
		bodyKey: 'display_picture',
		placeholder: 'e.g. ARTIFACT-12345',
		description:
			"Artifact ID of the rev user's display picture, an image uploaded to DevRev before",
	},
	email: {
		displayName: 'Email',
		bodyKey: 'email',
		placeholder: 'e.g. name@email.com',
		description: 'Email address of the rev user',
	},
	externalRef: {
		displayName: 'External Ref',
		bodyKey: 'external_ref',
		placeholder: 'e.g. crm-4711',
		description:
			"The rev user's ID in your own systems, unique in DevRev; DevRev assigns one when none is given",
	},
	phoneNumbers: {
		displayName: 'Phone Numbers',
		bodyKey: 'phone_numbers',
		placeholder: 'e.g. +14155550100',
		description: 'Phone numbers of the rev user, in E.164 format',
		hint: 'Separate several with commas. E.164: + country code and number, no spaces.',
		list: 'e164',
	},
} satisfies Record<string, ContactField>;

export type ContactFieldName = keyof typeof CONTACT_FIELDS;

function property(name: ContactFieldName, required: boolean): INodeProperties {
	const { displayName, placeholder, description, hint } = CONTACT_FIELDS[name] as ContactField;
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required,
		placeholder,
		description,
		hint,
	};
}

/** A top-level field: sent when filled in (always, and checked, when required). */
export function contactField(
	name: ContactFieldName,
	options: { required?: boolean } = {},
): INodeProperties {
	const { displayName, bodyKey, list } = CONTACT_FIELDS[name] as ContactField;
	const required = options.required ?? false;
	const send = list
		? required
			? sendTextList(name, bodyKey, displayName, list)
			: sendOptionalTextList(name, bodyKey, displayName, list)
		: required
			? sendText(name, bodyKey, displayName)
			: sendOptionalText(name, bodyKey);
	return { ...property(name, required), routing: { send: { preSend: [send] } } };
}

/** An entry of a collection (Additional Fields, Update Fields): sent, and checked, once added. */
export function contactCollectionEntry(
	collection: string,
	name: ContactFieldName,
): INodeProperties {
	const { displayName, bodyKey, list } = CONTACT_FIELDS[name] as ContactField;
	const parameter = `${collection}.${name}`;
	const send = list
		? sendTextList(parameter, bodyKey, displayName, list)
		: sendText(parameter, bodyKey, displayName);
	return { ...property(name, false), routing: { send: { preSend: [send] } } };
}

/** Rev Org ID of Create: optional; an account stands for its default rev org. */
export const optionalRevOrgField: INodeProperties = {
	...locatorField(
		'revOrg',
		'Rev Org ID',
		'revOrgId',
		'The rev org (workspace) the new rev user belongs to; leave empty for none',
	),
	required: false,
	hint: "Optional. An account (ACC-…) stands for the account's default rev org.",
	routing: { send: { preSend: [sendOptionalRevOrgId('revOrgId', 'rev_org', 'Rev Org ID')] } },
};

/** Custom Fields of Update Fields: name/value pairs sent as DevRev's custom_fields. */
export function customFieldsEntry(collection: string): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: 'Tenant custom fields of the rev user to set, by their API name',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. tnt__region',
						description:
							'API name of the custom field, as DevRev shows it: tnt__ followed by its name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. EMEA',
						description:
							'Value to set; use an expression for numbers, booleans or lists, e.g. {{ 42 }}',
					},
				],
			},
		],
		routing: {
			send: { preSend: [sendCustomFields(`${collection}.customFields.field`, 'Custom Fields')] },
		},
	};
}

/** Additional Fields of Create and Create or Update: what a new rev user may get beside the main fields. */
export const additionalContactFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [contactCollectionEntry('additionalFields', 'displayPicture')],
};
