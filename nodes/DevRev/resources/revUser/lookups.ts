import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../shared/session';
import { devRevRequest } from '../../shared/transport';

/**
 * How each rev user write finds out, after an answer that leaves it open, whether DevRev carried
 * it out (see CallOptions.ifUnsure): DevRev's answer for what exists, 'resend' when it is not
 * there and a second send cannot duplicate it, undefined when there is no telling.
 */

const post = (url: string, body: IDataObject) => ({ method: 'POST' as const, url, body });

/** Whether `ref` (a DON or a display ID) names `object`. */
function names(ref: unknown, object: IDataObject | undefined): boolean {
	return !!object && (ref === object.id || ref === object.display_id);
}

/**
 * rev-users.create: the rev user with the email or external ref sent. DevRev refuses a second
 * rev user with either (409 conflict), so when none is there, sending again is safe.
 */
export async function revUserByKey(context: RequestContext, body: IDataObject) {
	const key =
		body.external_ref !== undefined
			? 'external_ref'
			: body.email !== undefined
				? 'email'
				: undefined;
	if (!key) return undefined;
	const { rev_users: users = [] } = await devRevRequest(
		context,
		post('/rev-users.list', { [key]: [body[key]] }),
	);
	const [user, ...others] = users as IDataObject[];
	if (!user) return 'resend';
	return others.length ? undefined : { rev_user: user };
}

async function revUser(context: RequestContext, id: IDataObject[string]): Promise<IDataObject> {
	return (await devRevRequest(context, post('/rev-users.get', { id }))).rev_user as IDataObject;
}

/** rev-users.link: done when the rev user is in the rev org; a link is a membership, never doubled. */
export async function linkedRevUser(context: RequestContext, body: IDataObject) {
	const user = await revUser(context, body.id ?? body.user_don);
	return names(body.rev_org ?? body.rev_org_don, user.rev_org as IDataObject)
		? { rev_user: user }
		: 'resend';
}

/** rev-users.unlink: done when the rev user is no longer in the rev org. */
export async function unlinkedRevUser(context: RequestContext, body: IDataObject) {
	const user = await revUser(context, body.id ?? body.user_don);
	return names(body.rev_org ?? body.rev_org_don, user.rev_org as IDataObject)
		? 'resend'
		: { rev_user: user };
}

/** The accounts and rev orgs a rev user is associated with (every page). */
async function associatedObjects(
	context: RequestContext,
	revUserId: IDataObject[string],
): Promise<IDataObject[]> {
	const objects: IDataObject[] = [];
	let cursor: IDataObject[string];
	do {
		const body = { rev_user_id: revUserId, limit: 100, ...(cursor ? { cursor } : {}) };
		const page = await devRevRequest(context, post('/rev-users.associations.list', body));
		for (const entry of (page.associations ?? []) as IDataObject[]) {
			objects.push(entry.associated_to as IDataObject);
		}
		cursor = page.next_cursor;
	} while (cursor);
	return objects;
}

/** The IDs an associations.add / .remove body names, in either of DevRev's two shapes. */
function requested(body: IDataObject): unknown[] {
	return ((body.associations ?? []) as unknown[]).map((entry) =>
		entry && typeof entry === 'object' ? (entry as IDataObject).associated_to : entry,
	);
}

/** rev-users.associations.add: done when every association is there; a set, never doubled. */
export async function associationsAdded(context: RequestContext, body: IDataObject) {
	const objects = await associatedObjects(context, body.rev_user_id);
	const all = requested(body).every((ref) => objects.some((object) => names(ref, object)));
	return all ? {} : 'resend';
}

/** rev-users.associations.remove: done when none of them is there any more. */
export async function associationsRemoved(context: RequestContext, body: IDataObject) {
	const objects = await associatedObjects(context, body.rev_user_id);
	const any = requested(body).some((ref) => objects.some((object) => names(ref, object)));
	return any ? 'resend' : {};
}
