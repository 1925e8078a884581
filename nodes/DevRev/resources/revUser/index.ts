import { resourceProperties } from '../../shared/descriptions';
import { link } from './link';
import { listAssociations } from './listAssociations';
import { scan } from './scan';
import { unlink } from './unlink';

export const revUserProperties = resourceProperties('revUser', 'scan', [
	link,
	listAssociations,
	scan,
	unlink,
]);
