import type { INodeProperties } from 'n8n-workflow';

import { listField } from '../../shared/filters';
import { locatorField } from '../../shared/locators';
import { accountMeansDefaultRevOrg } from '../../shared/revOrgs';
import { customFields, email, text } from '../../shared/shape';

/** The rev user fields of rev-users.create and rev-users.update, as DevRev's spec names them. */
const CONTACT_FIELDS = {
	description: {
		displayName: 'Description',
		name: 'description',
		placeholder: 'e.g. Signed up through the website',
		description: 'Description of the rev user',
		routing: {
			send: {
				type: 'body',
				property: 'description',
				preSend: [text('description', 'Description')],
			},
		},
	},
	displayName: {
		displayName: 'Display Name',
		name: 'displayName',
		placeholder: 'e.g. Ada Lovelace',
		description: 'Name of the rev user as DevRev shows it; names need not be unique',
		routing: {
			send: {
				type: 'body',
				property: 'display_name',
				preSend: [text('display_name', 'Display Name')],
			},
		},
	},
	displayPicture: {
		displayName: 'Display Picture ID',
		name: 'displayPicture',
		placeholder: 'e.g. ARTIFACT-12345',
		description:
			"Artifact ID of the rev user's display picture, an image uploaded to DevRev before",
		routing: {
			send: {
				type: 'body',
				property: 'display_picture',
				preSend: [text('display_picture', 'Display Picture ID')],
			},
		},
	},
	email: {
		displayName: 'Email',
		name: 'email',
		placeholder: 'e.g. name@email.com',
		description: 'Email address of the rev user',
		routing: { send: { type: 'body', property: 'email', preSend: [email('email', 'Email')] } },
	},
	externalRef: {
		displayName: 'External Ref',
		name: 'externalRef',
		placeholder: 'e.g. crm-4711',
		description:
			"The rev user's ID in your own systems, unique in DevRev; DevRev assigns one when none is given",
		routing: {
			send: {
				type: 'body',
				property: 'external_ref',
				preSend: [text('external_ref', 'External Ref')],
			},
		},
	},
} satisfies Record<string, Omit<INodeProperties, 'type' | 'default'>>;

export type ContactFieldName = keyof typeof CONTACT_FIELDS | 'phoneNumbers';

const phoneNumbers = listField({
	displayName: 'Phone Numbers',
	name: 'phoneNumbers',
	property: 'phone_numbers',
	placeholder: 'e.g. +14155550100',
	description: 'Phone numbers of the rev user, in E.164 format',
	format: 'e164',
});

/** A rev user field, optional unless `required` (then its blank value is refused). */
export function contactField(
	name: ContactFieldName,
	options: { required?: boolean } = {},
): INodeProperties {
	const field: INodeProperties =
		name === 'phoneNumbers'
			? phoneNumbers
			: ({ ...CONTACT_FIELDS[name], type: 'string', default: '' } as INodeProperties);
	return options.required ? { ...field, required: true } : field;
}

/** Rev Org ID of Create: optional; an account stands for the account's default rev org. */
export const optionalRevOrgField: INodeProperties = locatorField({
	kind: 'revOrg',
	displayName: 'Rev Org ID',
	name: 'revOrgId',
	property: 'rev_org',
	description: 'The rev org (workspace) the new rev user belongs to; leave empty for none',
	required: false,
	preSend: [accountMeansDefaultRevOrg('rev_org', 'Rev Org ID')],
	hint: "Optional. An account (ACC-…) stands for the account's default rev org.",
});

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
			send: { preSend: [customFields(`${collection}.customFields.field`, 'Custom Fields')] },
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
	options: [contactField('displayPicture')],
};
