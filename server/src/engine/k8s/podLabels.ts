// Pod labels as the API server stores them, and the labels controllers add to the pods they
// create: what a Service selector is matched against (k8s-service-validation.md X-SEL-1).
import type { Resource } from '../resources';

/** Label values are compared as the strings the API server stores; a YAML `true` or `1` is not a string but is compared by its text. */
export function labelValue(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export interface SelectorPair {
  key: string;
  value: unknown;
}

/**
 * Labels that controllers put on the pods they create (never in a template), with the workloads
 * whose pods carry them. A selector may ask for them, so such a pair is treated as satisfiable by
 * those workloads rather than as "matches nothing" — exactly where the value is predictable
 * (`web-0` for StatefulSet web, the Job's own name), loosely otherwise (hashes, uids).
 */
const CONTROLLER_LABELS: Record<string, (workload: Resource, value: string) => boolean> = {
  'pod-template-hash': (w) => w.kind === 'Deployment' || w.kind === 'ReplicaSet' || w.kind === 'Rollout',
  'rollouts-pod-template-hash': (w) => w.kind === 'Rollout',
  'controller-revision-hash': (w) => w.kind === 'StatefulSet' || w.kind === 'DaemonSet',
  'statefulset.kubernetes.io/pod-name': (w, v) => w.kind === 'StatefulSet' && (w.name === undefined || ordinalOf(w.name, v)),
  'apps.kubernetes.io/pod-index': (w, v) => w.kind === 'StatefulSet' && /^\d+$/.test(v),
  'batch.kubernetes.io/job-name': jobName,
  'job-name': jobName,
  'batch.kubernetes.io/controller-uid': (w) => w.kind === 'Job' || w.kind === 'CronJob',
  'controller-uid': (w) => w.kind === 'Job' || w.kind === 'CronJob',
  // OpenShift's DeploymentConfig controller labels its pods with the config's name.
  deploymentconfig: (w, v) => w.kind === 'DeploymentConfig' && (w.name === undefined || w.name === v),
};

function jobName(w: Resource, v: string): boolean {
  if (w.kind === 'Job') return w.name === undefined || w.name === v;
  // A CronJob's Jobs are named <cronjob>-<scheduled time>.
  return w.kind === 'CronJob' && (w.name === undefined || v.startsWith(`${w.name}-`));
}

/** `web-3` is pod 3 of StatefulSet `web`. */
function ordinalOf(name: string, podName: string): boolean {
  return podName.startsWith(`${name}-`) && /^\d+$/.test(podName.slice(name.length + 1));
}

/** Whether `key` is a label controllers add to pods (see CONTROLLER_LABELS). */
export function isControllerLabel(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONTROLLER_LABELS, key);
}

/** Whether the pods of `workload` carry `pair`: in the pod template, or added by the workload's controller. */
export function podsCarry(workload: Resource, pair: SelectorPair): boolean {
  const t = workload.podTemplate;
  if (!t) return false;
  const want = labelValue(pair.value);
  if (t.labels.pairs.some((p) => p.key === pair.key && labelValue(p.value) === want)) return true;
  const byController = isControllerLabel(pair.key) ? CONTROLLER_LABELS[pair.key] : undefined;
  return byController !== undefined && byController(workload, want);
}

