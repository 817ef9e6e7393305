// Cross-resource rules: what the API server cannot see (selectors, named ports, backends).
import type { Rule } from '../rule';

export const workspaceRules: Rule[] = [];
