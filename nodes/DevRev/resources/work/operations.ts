import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { customFieldsEntry } from '../../shared/customFields';
import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	returnAllAndLimit,
	startCursorOption,
	optionsCollection,
} from '../../shared/descriptions';
import { commonListFilters, filtersCollection, listField } from '../../shared/fields';
import { locatorField } from '../../shared/locators';
import type { RequestContext } from '../../shared/session';
import { atLeastOne } from '../../shared/shape';
import { workSimplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';
import { devRevRequest } from '../../shared/transport';
import { deletion, listOf, oneObject, route } from '../../shared/transports';
import type { WorkType } from './fields';
import {
	bodyField,
	ownedByField,
	partField,
	reportedByField,
	stageField,
	tagsField,
	targetCloseDateField,
	titleField,
} from './fields';

/** Get, Get Many, Update and Delete of tickets and issues: the same calls, the type fixed. */

const NOUN: Record<WorkType, string> = { ticket: 'ticket', issue: 'issue' };
const article = (type: WorkType) => (type === 'issue' ? 'an' : 'a');

/** The ticket or issue an operation is about, sent as `id`. */
export function workIdField(type: WorkType, description: string): INodeProperties {
	const displayName = type === 'ticket' ? 'Ticket ID' : 'Issue ID';
	return locatorField({ kind: type, displayName, name: 'workId', property: 'id', description });
}

/**
 * After an unclear works.create: the work of this type, part and title created in the last two
 * minutes, when there is exactly one. Works have no unique key, so a miss is no proof either way:
 * the item then fails, saying what to check.
 */
async function justCreated(context: RequestContext, body: IDataObject) {
	const since = new Date(Date.now() - 120_000).toISOString();
	const query = {
		type: [body.type],
		applies_to_part: [body.applies_to_part],
		created_date: { type: 'range', after: since },
		sort_by: ['created_date:desc'],
		limit: 50,
	};
	const request = { method: 'POST' as const, url: '/works.list', body: query as IDataObject };
	const { works = [] } = await devRevRequest(context, request);
	const same = (works as IDataObject[]).filter((work) => work.title === body.title);
	return same.length === 1 ? { work: same[0] } : undefined;
}

/** The routing of Create: works.create with the type, never sent twice blindly. */
export function createRouting(type: WorkType) {
	const unsureAdvice = `Look for the ${NOUN[type]} in DevRev (newest first) before running this item again.`;
	return route(
		{ method: 'POST', url: '/works.create' },
		oneObject('work', { simplifiable: true, ifUnsure: justCreated, unsureAdvice }),
		{ type: 'body', property: 'type', value: type },
	);
}

export function getWork(type: WorkType): OperationDefinition {
	return {
		option: {
			name: 'Get',
			value: 'get',
			action: `Get ${article(type)} ${NOUN[type]}`,
			description: `Get one ${NOUN[type]} by ID`,
			routing: route(
				{ method: 'POST', url: '/works.get' },
				oneObject('work', { simplifiable: true }),
			),
		},
		fields: [workIdField(type, `The ${NOUN[type]} to get`), workSimplifyField],
	};
}

export function deleteWork(type: WorkType): OperationDefinition {
	return {
		option: {
			name: 'Delete',
			value: 'delete',
			action: `Delete ${article(type)} ${NOUN[type]}`,
			description: `Delete ${article(type)} ${NOUN[type]}; the output names it`,
			routing: route({ method: 'POST', url: '/works.delete' }, deletion()),
		},
		fields: [workIdField(type, `The ${NOUN[type]} to delete`)],
	};
}

/** Update Fields of a ticket or an issue: the shared ones and the type's own, alphabetical. */
export function updateWork(type: WorkType, own: INodeProperties[]): OperationDefinition {
	const entries = [
		bodyField,
		customFieldsEntry('updateFields', NOUN[type]),
		ownedByField('update', false),
		partField(false),
		reportedByField('update'),
		stageField(type, 'update'),
		tagsField('update'),
		targetCloseDateField,
		titleField(false),
		...own,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		option: {
			name: 'Update',
			value: 'update',
			action: `Update ${article(type)} ${NOUN[type]}`,
			description: `Change fields of ${article(type)} ${NOUN[type]}; only what you add is sent`,
			routing: route(
				{ method: 'POST', url: '/works.update' },
				oneObject('work', { simplifiable: true }),
				{
					type: 'body',
					property: 'type',
					value: type,
				},
			),
		},
		fields: [
			workIdField(type, `The ${NOUN[type]} to update`),
			workSimplifyField,
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: entries,
				routing: { send: { preSend: [atLeastOne('updateFields', 'Update Fields')] } },
			},
		],
	};
}

/** The filters of works.list that tickets and issues share. */
function sharedFilters(type: WorkType): INodeProperties[] {
	const plural = `${NOUN[type]}s`;
	const ids = (displayName: string, name: string, property: string, placeholder: string) =>
		listField({
			displayName,
			name,
			property,
			placeholder,
			description: `IDs of the ${displayName.toLowerCase()} of the ${plural}`,
		});
	return [
		...commonListFilters(plural, true),
		ids('Owned By', 'ownedBy', 'owned_by', 'e.g. DEVU-12'),
		ids('Part', 'part', 'applies_to_part', 'e.g. PROD-12'),
		ids('Reported By', 'reportedBy', 'reported_by', 'e.g. REVU-AbCdEf'),
		listField({
			displayName: 'Stage',
			name: 'stage',
			property: 'stage.name',
			placeholder: type === 'ticket' ? 'e.g. queued, work_in_progress' : 'e.g. triage, backlog',
			description: `Names of the stages of the ${plural}`,
		}),
		ids('Tags', 'tags', 'tags', 'e.g. TAG-12'),
	];
}

export function getManyWorks(type: WorkType, own: INodeProperties[]): OperationDefinition {
	const sort = sortFields({ target_close_date: 'Target Close Date', title: 'Title' }, [
		'display_name',
	]);
	return {
		option: {
			name: 'Get Many',
			value: 'getAll',
			action: `Get many ${NOUN[type]}s`,
			description: `List ${NOUN[type]}s, filtered and sorted`,
			routing: route(
				{ method: 'POST', url: '/works.list' },
				listOf('works', { acceptsLimit: true, simplifiable: true }),
				{
					type: 'body',
					property: 'type',
					value: `={{ ["${type}"] }}`,
				},
			),
		},
		fields: [
			...returnAllAndLimit(),
			workSimplifyField,
			filtersCollection([...sharedFilters(type), ...own]),
			optionsCollection([
				listModeOption,
				sortByOption(NOUN[type], sort, 'created_date'),
				startCursorOption,
			]),
		],
	};
}
