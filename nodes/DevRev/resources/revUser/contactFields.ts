import type { INodeProperties } from 'n8n-workflow';

import { listField } from '../../shared/fields';
import { locatorField } from '../../shared/locators';
import { accountMeansDefaultRevOrg } from '../../shared/revOrgs';
import { email, text } from '../../shared/shape';

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
	return { ...field, required: options.required ?? false };
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

/** Additional Fields of Create and Create or Update: what a new rev user may get beside the main fields. */
export const additionalContactFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [contactField('displayPicture')],
};
