import { resourceProperties } from '../../shared/descriptions';
import { add } from './add';
import { deleteComment } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export const commentProperties = resourceProperties('comment', 'add', [
	add,
	deleteComment,
	get,
	getMany,
	update,
]);
