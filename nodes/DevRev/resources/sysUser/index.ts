import { resourceProperties } from '../../shared/descriptions';
import { list } from './list';

export const sysUserProperties = resourceProperties('sysUser', 'list', [list]);
