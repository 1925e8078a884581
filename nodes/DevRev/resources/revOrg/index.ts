import { resourceProperties } from '../../shared/descriptions';
import { get } from './get';
import { getMany } from './getMany';

export const revOrgProperties = resourceProperties('revOrg', 'get', [get, getMany]);
