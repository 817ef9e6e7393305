// Rules on a Service's own fields: what ValidateService and the allocators check.
import type { Rule } from '../rule';
import { servicePortRange, serviceProtocol } from './ports';
import { serviceType } from './type';

export const serviceRules: Rule[] = [serviceType, servicePortRange, serviceProtocol];
