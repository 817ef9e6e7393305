// The rule registry: every rule the engine knows, in one list. Families live in their own modules.
import { engineRules } from './engineRules';
import type { Rule } from './rule';
import { servicePortRange, serviceProtocol } from './servicePorts';
import { serviceType } from './serviceType';

export const ALL_RULES: readonly Rule[] = [...engineRules, serviceType, servicePortRange, serviceProtocol];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
