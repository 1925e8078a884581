import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { accountMeansDefaultRevOrg } from '../../shared/revOrgs';
import { severityField } from '../work/fields';

/** The rev org (customer workspace) a ticket is about; an account stands for its default one. */
export function ticketRevOrgField(): INodeProperties {
	return locatorField({
		kind: 'revOrg',
		displayName: 'Rev Org',
		name: 'revOrg',
		property: 'rev_org',
		description: 'The rev org (customer workspace) the ticket is about, e.g. the reporter’s',
		required: false,
		hint: "Optional. An account (ACC-…) stands for the account's default rev org.",
		preSend: [accountMeansDefaultRevOrg('rev_org', 'Rev Org')],
	});
}

/** The fields only tickets have: whose problem it is and how severe (Rev Org: see ticketRevOrgField). */
export function ticketFields(): INodeProperties[] {
	return [
		locatorField({
			kind: 'account',
			displayName: 'Account',
			name: 'account',
			property: 'account',
			description: 'The account (customer company) the ticket is about',
			required: false,
		}),
		severityField,
	];
}
