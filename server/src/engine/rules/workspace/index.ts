// Cross-resource rules: what the API server cannot see (selectors, named ports, backends).
import type { Rule } from '../rule';
import { backendPortMissing, backendServiceMissing, routeBackendPortRequired } from './backends';
import { serviceDuplicate, serviceDuplicateAcrossFiles } from './duplicates';
import { selectorMatchesNothing, serviceWithoutSelector } from './selector';
import { statefulSetGoverningService } from './statefulSet';
import { namedTargetPortMissing, targetPortMismatch, targetPortUndeclared } from './targetPorts';

export const workspaceRules: Rule[] = [
  selectorMatchesNothing,
  serviceWithoutSelector,
  namedTargetPortMissing,
  targetPortMismatch,
  targetPortUndeclared,
  backendServiceMissing,
  backendPortMissing,
  routeBackendPortRequired,
  statefulSetGoverningService,
  serviceDuplicate,
  serviceDuplicateAcrossFiles,
];
