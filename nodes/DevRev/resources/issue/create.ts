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
import { issueFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an issue',
		description: 'Create an issue: work for the team on a part of the product',
		routing: createRouting('issue'),
	},
	fields: [
		titleField(true),
		partField(true),
		ownedByField('create', true),
		bodyField,
		workSimplifyField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...issueFields(),
				customFieldsEntry('additionalFields', 'issue'),
				reportedByField('create'),
				stageField('issue', 'create'),
				tagsField('create'),
				targetCloseDateField,
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
};
