import { customFieldsEntry } from '../../shared/customFields';
import type { OperationDefinition } from '../../shared/descriptions';
import { workSimplifyField } from '../../shared/simplify';
import {
	bodyField,
	ownedByField,
	partField,
	reportedByField,
	stageField,
	tagsField,
	targetCloseDateField,
	titleField,
} from '../work/fields';
import { createRouting } from '../work/operations';
import { ticketFields, ticketRevOrgField } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a ticket',
		description: "Open a ticket for a customer's problem, reported by a contact",
		routing: createRouting('ticket'),
	},
	fields: [
		titleField(true),
		partField(true),
		ownedByField('create', true),
		reportedByField('create'),
		ticketRevOrgField(),
		bodyField,
		workSimplifyField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...ticketFields(),
				customFieldsEntry('additionalFields', 'ticket'),
				stageField('ticket', 'create'),
				tagsField('create'),
				targetCloseDateField,
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
};
