import { resourceProperties } from '../../shared/descriptions';
import { create } from './create';
import { deleteAccount } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export const accountProperties = resourceProperties('account', 'get', [
	create,
	deleteAccount,
	get,
	getMany,
	update,
]);
