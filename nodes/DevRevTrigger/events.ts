import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * DevRev's webhook event types (`webhook-event-type` of its public spec, all but `verify`), as
 * the trigger offers them: per object, the words for it and the events DevRev sends for it. A
 * test holds this table to the spec's enum.
 */
interface EventObject {
	/** The object's word in an option's name, in Title Case. */
	title: string;
	/** What it is, in plain words, for the option's description. */
	what: string;
	/** The event type's suffixes DevRev sends for it. */
	actions: string[];
}

const CRUD = ['created', 'deleted', 'updated'];

const OBJECTS: Record<string, EventObject> = {
	account: { title: 'Account', what: 'an account (a customer company)', actions: CRUD },
	article: { title: 'Article', what: 'a knowledge base article', actions: CRUD },
	conversation: { title: 'Conversation', what: 'a conversation', actions: CRUD },
	dashboard: { title: 'Dashboard', what: 'a dashboard', actions: CRUD },
	dev_user: { title: 'Dev User', what: 'a dev user (a member of your team)', actions: CRUD },
	group: { title: 'Group', what: 'a group of users', actions: CRUD },
	group_member: {
		title: 'Group Member',
		what: 'a member of a group',
		actions: ['added', 'removed'],
	},
	incident: { title: 'Incident', what: 'an incident', actions: CRUD },
	job: { title: 'Job', what: 'a job', actions: CRUD },
	link: { title: 'Link', what: 'a link between two objects', actions: CRUD },
	part: {
		title: 'Part',
		what: 'a part (product, capability, feature or enhancement)',
		actions: CRUD,
	},
	question_answer: { title: 'Question Answer', what: 'a question and its answer', actions: CRUD },
	rev_org: { title: 'Rev Org', what: "a rev org (a customer's workspace)", actions: CRUD },
	rev_user: { title: 'Rev User', what: "a rev user (a customer's contact)", actions: CRUD },
	sla_tracker: { title: 'SLA Tracker', what: 'an SLA tracker', actions: [...CRUD, 'fetched'] },
	survey: { title: 'Survey', what: 'a survey', actions: CRUD },
	survey_response: { title: 'Survey Response', what: 'a survey response', actions: CRUD },
	sync_history: { title: 'Sync History', what: 'a sync history record', actions: CRUD },
	sync_unit: { title: 'Sync Unit', what: 'a sync unit', actions: ['updated'] },
	tag: { title: 'Tag', what: 'a tag', actions: CRUD },
	timeline_entry: {
		title: 'Timeline Entry',
		what: 'a timeline entry, such as a comment on a ticket, issue, contact or account',
		actions: CRUD,
	},
	webhook: { title: 'Webhook', what: 'a webhook', actions: CRUD },
	widget: { title: 'Widget', what: 'a widget', actions: CRUD },
	work: {
		title: 'Work',
		what: 'a work item: a ticket, issue, task or opportunity',
		actions: [...CRUD, 'fetched'],
	},
};

const VERB: Record<string, string> = {
	created: 'is created',
	deleted: 'is deleted',
	updated: 'is updated',
	fetched: 'has been fetched',
	added: 'is added',
	removed: 'is removed',
};

/** The key under which an event's body carries its object, where it is not the object's name. */
const PAYLOAD_KEY: Record<string, string> = {
	timeline_entry: 'entry',
	group_member: 'member',
	sla_tracker_fetched: 'result',
	work_fetched: 'result',
};

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The objects users automate most: contacts, customers and their work and comments. Their
 * created, updated and deleted events are the Events list, which n8n's nodes panel shows as the
 * trigger's actions ("On rev user created"); every other event type is under More Events.
 */
const COMMON_OBJECTS = ['account', 'rev_org', 'rev_user', 'timeline_entry', 'work'];

function option(object: string, action: string): INodePropertyOptions {
	const { title, what } = OBJECTS[object];
	return {
		name: `${title} ${capitalize(action)}`,
		value: `${object}_${action}`,
		description: `When ${what} ${VERB[action]}`,
	};
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) =>
	a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

function allOptions(): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [
		{
			name: 'AI Agent Response',
			value: 'ai_agent_response',
			description: 'When an AI agent answers, or reports progress or an error',
		},
	];
	for (const [object, { actions }] of Object.entries(OBJECTS)) {
		for (const action of actions) options.push(option(object, action));
	}
	return options.sort(byName);
}

const isCommon = (value: unknown) =>
	COMMON_OBJECTS.some((object) => CRUD.some((action) => value === `${object}_${action}`));

/** The Events list: the common objects' created, updated and deleted events. */
export const EVENT_OPTIONS = allOptions().filter((entry) => isCommon(entry.value));

/** More Events: every other type DevRev sends. */
export const MORE_EVENT_OPTIONS = allOptions().filter((entry) => !isCommon(entry.value));

export const EVENT_TYPES = [...EVENT_OPTIONS, ...MORE_EVENT_OPTIONS].map((entry) =>
	String(entry.value),
);

/**
 * Where an event's body keeps its object: `rev_user` for `rev_user_created`, `rev_user_updated`
 * (beside `old_rev_user`) and `rev_user_deleted` (`old_rev_user`, beside `id`), `entry` for
 * timeline entries, `member` for group members, `result` for fetches. Undefined for
 * `ai_agent_response`, whose body has no single object.
 */
export function objectKeyOf(type: string): string | undefined {
	if (PAYLOAD_KEY[type]) return PAYLOAD_KEY[type];
	const match = /^(.+)_(created|deleted|updated|fetched|added|removed)$/.exec(type);
	if (!match) return undefined;
	return PAYLOAD_KEY[match[1]] ?? match[1];
}
