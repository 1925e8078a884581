import { resourceProperties } from '../../shared/descriptions';
import { addAssociations } from './addAssociations';
import { create } from './create';
import { deleteRevUser } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { link } from './link';
import { listAssociations } from './listAssociations';
import { removeAssociations } from './removeAssociations';
import { scan } from './scan';
import { unlink } from './unlink';
import { update } from './update';
import { upsert } from './upsert';

export const revUserProperties = resourceProperties('revUser', 'scan', [
	addAssociations,
	create,
	upsert,
	deleteRevUser,
	get,
	getMany,
	link,
	listAssociations,
	removeAssociations,
	scan,
	unlink,
	update,
]);
