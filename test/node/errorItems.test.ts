/**
 * Continue On Fail: one error item shape whatever failed — bad input found before any request, a
 * refusal by DevRev, a network failure — so a workflow's error branch reads `error` and `details`
 * the same way for all of them.
 */
import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ revUsers: 3 }));

const getRevUser = { resource: 'revUser', operation: 'get', revUserId: '={{ $json.id }}' };

describe('Continue On Fail', () => {
	test('a blank ID, a 404 and a network failure give the same item shape', async () => {
		const [known] = ctx.emulator.revUsers;
		const missing = 'don:identity:dvrv-us-1:devo/1emu:revu/Missing1';
		const result = await ctx.run(getRevUser, {
			items: [{ id: '' }, { id: missing }, { id: known.id }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const [blank, notFound, found] = result.raw;
		expect(blank).toEqual({
			json: { error: 'Rev User ID: must not be empty', details: {} },
			pairedItem: { item: 0 },
		});
		expect(notFound).toEqual({
			json: {
				error: `rev user "${missing}" not found`,
				details: {
					description: `DevRev found no object with id = ${missing}: check the ID, or pick it from the list.\ntype: not_found`,
					httpCode: '404',
					type: 'not_found',
				},
			},
			pairedItem: { item: 1 },
		});
		expect(found.json.id).toBe(known.id);
		expect(ctx.bodies('/rev-users.get')).toEqual([{ id: missing }, { id: known.id }]);

		ctx.emulator.injectFault({ kind: 'drop_connection', path: '/rev-users.get', count: -1 });
		const dropped = await ctx.run(getRevUser, { items: [{ id: known.id }], continueOnFail: true });
		expect(dropped.raw).toEqual([
			{
				json: {
					error: 'DevRev closed the connection before answering',
					details: {
						description:
							'Network error code: ECONNRESET. Check the Base URL of the DevRev API credential and your network, then try again.',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
