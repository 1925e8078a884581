import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DEFAULT_MAX_EVENT_AGE_SECONDS, receiveDelivery } from './delivery';
import { EVENT_OPTIONS, MORE_EVENT_OPTIONS } from './events';
import { findWebhook, registerWebhook, unregisterWebhook } from './registration';

export class DevRevTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DevRev Trigger',
		name: 'devRevTrigger',
		icon: { light: 'file:../../icons/devrev.svg', dark: 'file:../../icons/devrev.dark.svg' },
		group: ['trigger'],
		// 1.1, not 1: for a webhook node of typeVersion 1, n8n (2.41) evaluates the Webhook node's
		// legacy `options.binaryData` expression on every request before the node sees it; with
		// N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true that alone cost ~30 ms CPU per delivery (CPU
		// profile of bench/trigger.js), at 1.1 nothing (README, Performance).
		version: 1.1,
		subtitle:
			'={{[...($parameter["events"] || []), ...($parameter["moreEvents"] || [])].join(", ")}}',
		description:
			'Starts the workflow as soon as DevRev sends an event, such as a contact, account or work item created, updated or deleted; DevRev must reach n8n at a public URL',
		defaults: { name: 'DevRev Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'devRevApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Answer as soon as the execution has started (DevRev gives up after 3 seconds), with an
				// empty body: without responseData n8n would answer with the first item's JSON.
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for DevRev to send an event',
		activationMessage: 'DevRev now sends the selected events to this workflow.',
		properties: [
			{
				displayName:
					"DevRev must reach this n8n at its webhook URL: set n8n's WEBHOOK_URL to a public https:// address. Publishing the workflow registers a webhook in DevRev, which checks the URL right away; unpublishing removes it.",
				name: 'publicUrlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['rev_user_created'],
				description:
					'The DevRev events that start the workflow, one execution per event: contacts (rev users), accounts, rev orgs, work items (tickets, issues) and timeline entries (comments)',
			},
			{
				displayName: 'More Events',
				name: 'moreEvents',
				type: 'multiOptions',
				options: MORE_EVENT_OPTIONS,
				default: [],
				description:
					'Every other event type DevRev sends: articles, conversations, dev users, parts, tags, SLA trackers and more',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Event Age (Seconds)',
						name: 'maxEventAge',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_EVENT_AGE_SECONDS,
						description:
							"Events whose timestamp is further than this from n8n's clock are refused as replays (HTTP 401). DevRev stamps every delivery attempt anew.",
					},
					{
						displayName: 'Output Object Only',
						name: 'objectOnly',
						type: 'boolean',
						default: false,
						description:
							'Whether to output only the object the event is about (such as the rev user), flat, instead of the whole event with its type, ID, timestamp and, for updates, the previous version',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await findWebhook.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregisterWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
