/**
 * The trigger's events are DevRev's: the options are the spec's `webhook-event-type` enum (all
 * but `verify`), and the object key the trigger reads for Output Object Only is one the spec's
 * payload of that type has.
 */
import { DevRevEmulator } from '../emulator';
import {
	EVENT_OPTIONS,
	EVENT_TYPES,
	MORE_EVENT_OPTIONS,
	objectKeyOf,
} from '../../nodes/DevRevTrigger/events';
import { eventItem } from '../../nodes/DevRevTrigger/delivery';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schemas = Record<string, any>;
const schemas = new DevRevEmulator().spec.definitions.public.components.schemas as Schemas;

describe('DevRev Trigger events', () => {
	test("the options are DevRev's webhook event types, each once, verify excepted", () => {
		const spec = (schemas['webhook-event-type'].enum as string[]).filter(
			(type) => type !== 'verify',
		);
		expect([...EVENT_TYPES].sort()).toEqual([...spec].sort());
		expect(new Set(EVENT_OPTIONS.map((option) => option.name)).size).toBe(EVENT_OPTIONS.length);
	});

	test("Events (the nodes panel's actions) holds contacts, accounts, rev orgs, work and comments; More Events the rest", () => {
		const common = ['account', 'rev_org', 'rev_user', 'timeline_entry', 'work'].flatMap((object) =>
			['created', 'deleted', 'updated'].map((action) => `${object}_${action}`),
		);
		expect(EVENT_OPTIONS.map((option) => option.value).sort()).toEqual(common.sort());
		expect(EVENT_OPTIONS.map((option) => option.name)).toEqual(
			[...EVENT_OPTIONS.map((option) => option.name)].sort((a, b) => a.localeCompare(b)),
		);
		expect(MORE_EVENT_OPTIONS).toHaveLength(EVENT_TYPES.length - common.length);
		expect(MORE_EVENT_OPTIONS.map((option) => option.value)).toContain('work_fetched');
	});

	test("every type's object key is in the spec's payload of that type (as the object, or old_ for deletions)", () => {
		const request = schemas['webhook-event-request'].properties as Record<string, { $ref: string }>;
		const wrong: string[] = [];
		for (const type of EVENT_TYPES) {
			const key = objectKeyOf(type);
			if (!request[type]) continue; // job_* and sync_unit_updated: the spec names no payload
			const payload = schemas[request[type].$ref.split('/').pop() as string].properties as Record<
				string,
				unknown
			>;
			if (type === 'ai_agent_response') {
				if (key !== undefined) wrong.push(`${type}: ${key}`);
			} else if (
				!key ||
				!(
					key in payload ||
					`old_${key}` in payload ||
					(type.endsWith('_deleted') && 'id' in payload)
				)
			) {
				wrong.push(`${type}: ${key} not in ${Object.keys(payload).join(', ')}`);
			}
		}
		expect(wrong).toEqual([]);
		expect(
			['rev_user_updated', 'timeline_entry_created', 'group_member_added', 'work_fetched'].map(
				objectKeyOf,
			),
		).toEqual(['rev_user', 'entry', 'member', 'result']);
	});

	test('the item of an event: header fields then the payload; Object Only: the object, the old one, the ID, or the payload', () => {
		const base = { id: 'e1', webhook_id: 'w1', timestamp: '2025-01-01T00:00:00Z' };
		const user = { id: 'u1', display_name: 'Ada' };
		expect(
			eventItem(
				{
					...base,
					type: 'rev_user_updated',
					rev_user_updated: { rev_user: user, old_rev_user: { id: 'u1' } },
				},
				false,
			),
		).toEqual({
			event: 'rev_user_updated',
			event_id: 'e1',
			timestamp: '2025-01-01T00:00:00Z',
			webhook_id: 'w1',
			rev_user: user,
			old_rev_user: { id: 'u1' },
		});
		expect(
			eventItem({ ...base, type: 'rev_user_updated', rev_user_updated: { rev_user: user } }, true),
		).toEqual(user);
		expect(
			eventItem(
				{ ...base, type: 'rev_user_deleted', rev_user_deleted: { id: 'u1', old_rev_user: user } },
				true,
			),
		).toEqual(user);
		expect(eventItem({ ...base, type: 'link_deleted', link_deleted: { id: 'l1' } }, true)).toEqual({
			id: 'l1',
		});
		const agent = { agent: 'a', session: 's', session_object: 'o', message: 'hi' };
		expect(
			eventItem({ ...base, type: 'ai_agent_response', ai_agent_response: agent }, true),
		).toEqual(agent);
		expect(eventItem({ ...base, type: 'job_created' }, false)).toEqual({
			event: 'job_created',
			event_id: 'e1',
			timestamp: base.timestamp,
			webhook_id: 'w1',
		});
	});
});
