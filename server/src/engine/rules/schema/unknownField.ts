import { q } from '../../k8s/apiErrors';
import type { ObjectNode } from '../../resources';
import { fieldNames, PathSegment, shortName } from '../../schema/navigate';
import { nearest } from '../../text/similar';
import type { Fix } from '../../types';
import { asMap, entries, keyString } from '../../yamlNodes';
import { article, replaceFix } from '../helpers';
import type { ObjectRule } from '../rule';
import { SCHEMA_KINDS } from './kinds';
import { pathInfo, structuralProblems, walk } from './structure';

/**
 * Mix-ups that edit distance does not catch: fields that belong to the other side of a
 * Service → Pod port mapping, keyed by the struct the unknown field appears in.
 */
const CONFUSIONS: Record<string, Record<string, string>> = {
  ServicePort: { containerPort: 'targetPort', servicePort: 'port', hostPort: 'nodePort' },
  ContainerPort: { port: 'containerPort', targetPort: 'containerPort', nodePort: 'hostPort' },
  ServiceSpec: { selectors: 'selector', port: 'ports' },
  Container: { port: 'ports', environment: 'env', cmd: 'command', arguments: 'args' },
};

const SECURITY_CONTEXT = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'privileged', 'capabilities', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'seccompProfile', 'seLinuxOptions'];
const RESOURCES = ['requests', 'limits', 'limit', 'request', 'cpu', 'memory'];

/** Fields written one level too high: where they belong, keyed by the struct they appear in. */
const MISPLACED: Record<string, Record<string, string>> = {
  Container: {
    ...Object.fromEntries(SECURITY_CONTEXT.map((f) => [f, 'securityContext'])),
    ...Object.fromEntries(RESOURCES.map((f) => [f, 'resources'])),
  },
  PodSpec: {
    ...Object.fromEntries(['runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'seccompProfile', 'sysctls'].map((f) => [f, 'securityContext'])),
    ...Object.fromEntries(['image', 'ports', 'env', 'command', 'args', 'resources'].map((f) => [f, 'containers[]'])),
  },
  DeploymentSpec: { containers: 'template.spec', labels: 'template.metadata' },
  StatefulSetSpec: { containers: 'template.spec', labels: 'template.metadata' },
  DaemonSetSpec: { containers: 'template.spec', labels: 'template.metadata' },
  ReplicaSetSpec: { containers: 'template.spec', labels: 'template.metadata' },
  JobSpec: { containers: 'template.spec' },
  ServiceSpec: { labels: 'metadata (or selector)' },
};

function misplacedHint(struct: string, field: string): string {
  if (struct === 'LabelSelector') return '; labels to match go under matchLabels';
  const home = MISPLACED[struct]?.[field];
  return home ? `; it belongs under ${home}` : '';
}

export const schemaUnknownField: ObjectRule = {
  scope: 'object',
  id: 'schema-unknown-field',
  defaultSeverity: 'warning',
  secondary: true,
  title: 'A field the API does not know (a typo, or a field of another object): dropped, or rejected under strict field validation.',
  kinds: SCHEMA_KINDS,
  check({ object, report }) {
    for (const p of structuralProblems(object)) {
      if (p.problem.type !== 'unknown') continue;
      const field = p.problem.field;
      // Strategic-merge-patch directives ($patch, $setElementOrder/…) mark a kustomize patch, not an object.
      if (field.startsWith('$')) continue;
      const parent = pathInfo(p.kind, p.problem.path);
      if (!parent.at) continue;
      const full = pathInfo(p.kind, [...p.problem.path, field]).printed || field;
      const struct = parent.at.definition ? shortName(parent.at.definition) : p.kind.kind;
      // Suggest only names the map does not already use: renaming onto an existing key would make a duplicate.
      const present = new Set(siblingKeys(object, p.problem.path));
      const known = fieldNames(parent.at).filter((n) => !present.has(n));
      const confusion = CONFUSIONS[struct]?.[field];
      const guesses = confusion && known.includes(confusion) ? [confusion] : nearest(field, known, 3);
      const fixes: Fix[] = guesses.map((g) => replaceFix(`Rename to ${g}`, p.range, g, guesses.length === 1));
      const hint = guesses.length ? `; did you mean ${guesses.map((g) => q(g)).join(' or ')}?` : misplacedHint(struct, field);
      report({
        range: p.range,
        about: p.about,
        message:
          `${full}: unknown field ${q(field)} (${article(struct)} has no such field${hint}). ` +
          `Under strict field validation (kubectl's default) the API server answers 400: strict decoding error: unknown field ${q(full)}; ` +
          `with --validate=warn or =ignore it drops the field silently`,
        fixes,
      });
    }
  },
};

/** The keys of the map at `path` (what the object already uses there). */
function siblingKeys(object: ObjectNode, path: readonly PathSegment[]): string[] {
  const steps = walk(object.ctx, object.node, path);
  const map = asMap(object.ctx, steps?.[steps.length - 1]?.node);
  return entries(object.ctx, map)
    .map((p) => keyString(p))
    .filter((k): k is string => k !== undefined);
}
