// The rule registry: every rule the engine knows, in one list. Each family lives in its own folder.
import { engineRules } from './engineRules';
import { podRules } from './pod';
import type { Rule } from './rule';
import { schemaRules } from './schema';
import { serviceRules } from './service';
import { workspaceRules } from './workspace';

export const ALL_RULES: readonly Rule[] = [...engineRules, ...serviceRules, ...podRules, ...schemaRules, ...workspaceRules];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
