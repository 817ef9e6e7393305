// Rules on Pods and pod templates: container ports as the API server validates them.
import type { Rule } from '../rule';

export const podRules: Rule[] = [];
