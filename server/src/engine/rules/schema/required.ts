import { invalid, PORT_RANGE, required } from '../../k8s/apiErrors';
import type { ObjectRule } from '../rule';
import { SCHEMA_KINDS } from './kinds';
import type { ObjectNode } from '../../resources';
import { getPath } from '../../yamlNodes';
import { LocatedProblem, pathInfo, structuralProblems } from './structure';

/**
 * The OpenAPI `required` lists that the API server really enforces, with its answer. Many other
 * entries are satisfied by defaulting (ServicePort.protocol, Service spec.type …) or only apply to
 * status, so the schema's lists are not used as they are. containerPort is the pod rules' (container-port-range).
 */
const PORT_ZERO = (path: string) => `${invalid(path, 0, PORT_RANGE)} (a missing port is 0)`;
const REQUIRED = (path: string) => required(path);

const ENFORCED: Record<string, (path: string) => string> = {
  'io.k8s.api.core.v1.ServicePort.port': PORT_ZERO,
  'io.k8s.api.core.v1.PodSpec.containers': REQUIRED,
  'io.k8s.api.core.v1.Container.name': REQUIRED,
  'io.k8s.api.core.v1.EnvVar.name': REQUIRED,
  'io.k8s.api.core.v1.Volume.name': REQUIRED,
  'io.k8s.api.core.v1.VolumeMount.name': REQUIRED,
  'io.k8s.api.core.v1.VolumeMount.mountPath': REQUIRED,
  'io.k8s.api.core.v1.KeyToPath.key': REQUIRED,
  'io.k8s.api.core.v1.KeyToPath.path': REQUIRED,
  'io.k8s.api.core.v1.ConfigMapKeySelector.key': REQUIRED,
  'io.k8s.api.core.v1.SecretKeySelector.key': REQUIRED,
  'io.k8s.api.core.v1.HTTPGetAction.port': PORT_ZERO,
  'io.k8s.api.core.v1.TCPSocketAction.port': PORT_ZERO,
  'io.k8s.api.core.v1.GRPCAction.port': PORT_ZERO,
  'io.k8s.api.core.v1.EndpointPort.port': PORT_ZERO,
  'io.k8s.api.apps.v1.DeploymentSpec.selector': REQUIRED,
  'io.k8s.api.apps.v1.StatefulSetSpec.selector': REQUIRED,
  'io.k8s.api.apps.v1.DaemonSetSpec.selector': REQUIRED,
  'io.k8s.api.apps.v1.ReplicaSetSpec.selector': REQUIRED,
  'io.k8s.api.batch.v1.CronJobSpec.schedule': REQUIRED,
  'io.k8s.api.networking.v1.HTTPIngressPath.pathType': (path) => required(path, 'pathType must be specified'),
  'io.k8s.api.networking.v1.IngressServiceBackend.name': REQUIRED,
};

const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * A strategic-merge patch (kustomize overlays) is partial on purpose, so missing fields are not
 * problems there. Signs: `$patch`-style directives, or an apps/v1 workload with neither a selector
 * nor pod template labels (it can never be valid on its own: the selector is required and must
 * match those labels, so it is meant to be merged onto a base).
 */
function looksLikePatch(object: ObjectNode, problems: readonly LocatedProblem[]): boolean {
  if (problems.some((p) => p.problem.type === 'unknown' && p.problem.field.startsWith('$'))) return true;
  const r = object.resource;
  if (!SELECTOR_KINDS.has(r.kind) || r.apiVersion !== 'apps/v1') return false;
  const spec = getPath(object.ctx, object.node, 'spec');
  const hasSelector = getPath(object.ctx, spec, 'selector') !== undefined;
  return !hasSelector && (r.podTemplate?.labels.pairs.length ?? 0) === 0;
}

export const schemaRequired: ObjectRule = {
  scope: 'object',
  id: 'schema-required',
  defaultSeverity: 'error',
  secondary: true,
  title: 'A field the API server requires is missing (a container name, a Service port number, a workload selector …).',
  kinds: SCHEMA_KINDS,
  check({ object, report }) {
    const problems = structuralProblems(object);
    if (looksLikePatch(object, problems)) return;
    for (const p of problems) {
      if (p.problem.type !== 'required') continue;
      const parent = pathInfo(p.kind, p.problem.path);
      const definition = parent.at?.definition;
      const answer = definition ? ENFORCED[`${definition}.${p.problem.field}`] : undefined;
      if (!answer) continue;
      const path = pathInfo(p.kind, [...p.problem.path, p.problem.field]).printed;
      report({ range: p.range, about: p.about, message: `${path} is missing; the API server answers ${answer(path)}` });
    }
  },
};
