import type { INodeProperties, PreSendAction } from 'n8n-workflow';

import { hasAt, putAt } from '../../shared/body';
import { dateTimeField } from '../../shared/fields';
import { locatorField } from '../../shared/locators';
import { oneAsList, shaping, text } from '../../shared/shape';
import { toTextList } from '../../shared/validate';

/**
 * The fields tickets and issues share, as DevRev's works.create and works.update name them.
 * `form` is where they differ: create takes lists as lists, update as `{"set": [...]}`.
 */
export type WorkForm = 'create' | 'update';

export type WorkType = 'ticket' | 'issue';

export function titleField(required: boolean): INodeProperties {
	return {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. Cannot log in after password reset',
		description: 'Title of the work item, up to 256 characters',
		routing: { send: { type: 'body', property: 'title', preSend: [text('title', 'Title')] } },
	};
}

export function partField(required: boolean): INodeProperties {
	return locatorField({
		kind: 'part',
		displayName: 'Part',
		name: 'part',
		property: 'applies_to_part',
		description: 'The part (product, capability, feature or enhancement) the work applies to',
		required,
	});
}

export function ownedByField(form: WorkForm, required: boolean): INodeProperties {
	return locatorField({
		kind: 'devUser',
		displayName: 'Owned By',
		name: 'ownedBy',
		property: 'owned_by',
		description: 'The dev user who owns the work; DevRev requires an owner',
		required,
		preSend: [oneAsList('owned_by', form === 'create' ? 'list' : 'set')],
	});
}

export function reportedByField(form: WorkForm): INodeProperties {
	return locatorField({
		kind: 'revUser',
		displayName: 'Reported By',
		name: 'reportedBy',
		property: 'reported_by',
		description: 'The rev user (contact) who reported it, e.g. the contact a form just saved',
		required: false,
		preSend: [oneAsList('reported_by', form === 'create' ? 'list' : 'set')],
	});
}

export const bodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	placeholder: 'e.g. Steps to reproduce: …',
	description: 'The description, in markdown',
	routing: { send: { type: 'body', property: 'body', preSend: [text('body', 'Body')] } },
};

/**
 * A stage other than the first of DevRev's flow is refused on create unless the call says it
 * means it (stage_validation_options allow_non_start): a stage the user picks is meant.
 */
const allowChosenStage: PreSendAction = async function (this, options) {
	if (hasAt(options, 'stage.name')) putAt(options, 'stage_validation_options', ['allow_non_start']);
	return options;
};

export function stageField(type: WorkType, form: WorkForm): INodeProperties {
	const stock =
		type === 'ticket'
			? 'queued, work_in_progress, awaiting_customer_response, resolved'
			: 'triage, backlog, prioritized, in_development, completed';
	const preSend = [text('stage.name', 'Stage'), ...(form === 'create' ? [allowChosenStage] : [])];
	return {
		displayName: 'Stage',
		name: 'stage',
		type: 'string',
		default: '',
		placeholder: type === 'ticket' ? 'e.g. work_in_progress' : 'e.g. backlog',
		description: 'The name of the stage, as your DevRev organization names stages',
		hint: `DevRev's stock stages: ${stock}`,
		routing: { send: { type: 'body', property: 'stage.name', preSend } },
	};
}

/** Tags by ID, sent as DevRev's `[{id}]` (create) or `{"set": [{id}]}` (update). */
export function tagsField(form: WorkForm): INodeProperties {
	const toTags = shaping('tags', (context, value) => {
		const tags = toTextList(context, value, 'Tags').map((id) => ({ id }));
		return form === 'create' ? tags : { set: tags };
	});
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. TAG-12, TAG-34',
		description: 'IDs of the tags to put on the work',
		hint: 'Separate several with commas',
		routing: { send: { type: 'body', property: 'tags', preSend: [toTags] } },
	};
}

export const targetCloseDateField = dateTimeField(
	'Target Close Date',
	'targetCloseDate',
	'target_close_date',
	'When the work is expected to be complete',
);

/** The ticket's severity, DevRev's four. */
export const severityField: INodeProperties = {
	displayName: 'Severity',
	name: 'severity',
	type: 'options',
	options: [
		{ name: 'Blocker', value: 'blocker' },
		{ name: 'High', value: 'high' },
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
	],
	default: 'medium',
	description: 'How severe the customer’s problem is',
	routing: { send: { type: 'body', property: 'severity' } },
};

/** The priority, P0 (highest) to P3. */
export const priorityField: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'options',
	options: [
		{ name: 'P0', value: 'p0' },
		{ name: 'P1', value: 'p1' },
		{ name: 'P2', value: 'p2' },
		{ name: 'P3', value: 'p3' },
	],
	default: 'p2',
	description: 'Priority of the issue by impact and criticality, P0 the highest',
	routing: { send: { type: 'body', property: 'priority' } },
};
