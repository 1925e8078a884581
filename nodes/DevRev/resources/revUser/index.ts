import { resourceProperties } from '../../shared/descriptions';
import { addAssociations } from './addAssociations';
import { link } from './link';
import { listAssociations } from './listAssociations';
import { removeAssociations } from './removeAssociations';
import { scan } from './scan';
import { unlink } from './unlink';

export const revUserProperties = resourceProperties('revUser', 'scan', [
	addAssociations,
	link,
	listAssociations,
	removeAssociations,
	scan,
	unlink,
]);
