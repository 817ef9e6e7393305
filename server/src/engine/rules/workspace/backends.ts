// Ingress (networking.k8s.io/v1) backends and Gateway API HTTPRoute/GRPCRoute backendRefs: the
// Service must exist in that namespace and the port (number, or an Ingress port name) must be one
// of its ports; a Gateway API backendRef to a Service must give a port at all.
import type { WorkspaceIndex } from '../../index';
import { invalid } from '../../k8s/apiErrors';
import { displayFile, targetPortOf } from '../../k8s/selection';
import type { BackendRef, Resource, ServicePortView } from '../../resources';
import { nearest } from '../../text/similar';
import type { Fix, RelatedLocation } from '../../types';
import type { ObjectRule, WorkspaceRule } from '../rule';
import { yamlString } from '../helpers';
import { capped, inFile, listText, nameLocation, namespacePhrase, nearServiceNames } from './describe';
import { replaceEdit } from './edits';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'];

function isRoute(r: Resource): boolean {
  return ROUTE_KINDS.includes(r.kind);
}

function refNamespace(index: WorkspaceIndex, r: Resource, ref: BackendRef): string {
  return ref.namespace ?? index.ns(r);
}

function refNamespacePhrase(index: WorkspaceIndex, r: Resource, ref: BackendRef): string {
  return ref.namespace !== undefined ? `namespace "${ref.namespace}"` : namespacePhrase(index, r);
}

/** What happens to requests for an unresolved backend, in the words of each API. */
function consequence(r: Resource): string {
  return isRoute(r)
    ? "the route's ResolvedRefs condition turns False (BackendNotFound) and requests sent to this backend get HTTP 500"
    : 'the Ingress controller has no endpoints for this backend and answers requests for it with an error (ingress-nginx: 503)';
}

function portText(p: ServicePortView): string {
  return `${String(p.port?.value ?? '?')}/${p.protocol}${p.name ? ` "${String(p.name.value)}"` : ''}`;
}

export const backendServiceMissing: WorkspaceRule = {
  scope: 'workspace',
  id: 'backend-service-missing',
  defaultSeverity: 'warning',
  title: 'An Ingress backend or HTTPRoute/GRPCRoute backendRef names a Service that is not in that namespace.',
  kinds: ['Ingress', ...ROUTE_KINDS],
  check({ resource, index, report }) {
    for (const ref of resource.backends ?? []) {
      const ns = refNamespace(index, resource, ref);
      const name = ref.serviceName.value;
      if (index.servicesNamed(ns, name).length > 0) continue;
      const { names: close, fixes } = nearServiceNames(index, ns, name, ref.serviceName.range, (c) => `Change the Service name to "${c}"`);
      const elsewhere: Resource[] = [];
      for (const other of index.namespaces()) if (other !== ns) elsewhere.push(...index.servicesNamed(other, name));
      const notes: string[] = [];
      if (close.length > 0) notes.push(`did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`);
      if (elsewhere.length > 0) {
        const where = listText(capped(elsewhere.map((s) => `namespace "${index.ns(s)}" (${displayFile(s.file)})`), 2));
        notes.push(
          isRoute(resource)
            ? `a Service "${name}" exists in ${where}: set the backendRef's namespace to reach it (a ReferenceGrant in that namespace must allow it)`
            : `a Service "${name}" exists in ${where}, but an Ingress routes only to Services in its own namespace`,
        );
      }
      const related: RelatedLocation[] = elsewhere.slice(0, 3).map((s) => nameLocation(s, `Service ${name} in namespace "${index.ns(s)}"`));
      report({
        range: ref.serviceName.range,
        message: `${ref.path}.name: no Service "${name}" in ${refNamespacePhrase(index, resource, ref)}${notes.length ? ` (${notes.join('; ')})` : ''}; ${consequence(resource)}.`,
        related,
        fixes,
      });
    }
  },
};

export const backendPortMissing: WorkspaceRule = {
  scope: 'workspace',
  id: 'backend-port-missing',
  defaultSeverity: 'warning',
  title: 'An Ingress backend or HTTPRoute/GRPCRoute backendRef uses a port that its Service does not have.',
  kinds: ['Ingress', ...ROUTE_KINDS],
  check({ resource, index, report }) {
    for (const ref of resource.backends ?? []) {
      if (!ref.port) continue;
      const value = ref.port.value;
      const byName = typeof value === 'string';
      // Gateway API ports are numbers; another type is a schema finding.
      if (typeof value !== 'number' && !(byName && !isRoute(resource))) continue;
      // `number: "80"` reaches here as a string: a type error for the schema, not a port name.
      if (byName && /^\d+$/.test(value)) continue;
      const services = index.servicesNamed(refNamespace(index, resource, ref), ref.serviceName.value);
      if (services.length === 0) continue;
      const has = (p: ServicePortView) => (byName ? p.name?.value === value : p.port?.value === value);
      if (services.some((s) => s.service!.ports.some(has))) continue;
      const svc = services.find((s) => s.file === resource.file) ?? services[0]!;
      const ports = svc.service!.ports;
      const path = isRoute(resource) ? `${ref.path}.port` : `${ref.path}.port.${byName ? 'name' : 'number'}`;
      const where = inFile(svc, resource.file).trimStart();
      const notes: string[] = [];
      let best: ServicePortView | undefined;
      if (!byName) {
        // Naming the container port instead of the Service port is the usual mistake.
        best = ports.find((p) => {
          const t = targetPortOf(p);
          return t.kind === 'number' && t.value === value && !t.defaulted;
        });
        if (best) notes.push(`${String(value)} is the targetPort of Service port ${String(best.port?.value)}: a backend names the Service's port, not the container's`);
      } else {
        const names = ports.map((p) => p.name?.value).filter((n): n is string => typeof n === 'string');
        const close = nearest(String(value), names, 1)[0];
        if (close) {
          best = ports.find((p) => p.name?.value === close);
          notes.push(`did you mean "${close}"?`);
        }
      }
      const has0 = ports.length > 0 ? `whose ports are ${listText(capped(ports.map(portText), 4))}` : 'which has no ports';
      const fixes: Fix[] = [];
      for (const p of ports) {
        const text = byName ? (typeof p.name?.value === 'string' ? yamlString(p.name.value) : undefined) : typeof p.port?.value === 'number' ? String(p.port.value) : undefined;
        if (text === undefined) continue;
        const fix: Fix = { title: `Change the port to ${byName ? `"${String(p.name?.value)}"` : text} (${portText(p)})`, edits: [replaceEdit(ref.port.range, text)] };
        if (p === best) fix.preferred = true;
        fixes.push(fix);
        if (fixes.length === 4) break;
      }
      if (fixes.length === 1) fixes[0]!.preferred = true;
      report({
        range: ref.port.range,
        message:
          `${path}: ${byName ? `"${value}"` : String(value)} is not a port ${byName ? 'name ' : ''}of Service ${svc.name} ${where}, ${has0}` +
          `${notes.length ? ` (${notes.join('; ')})` : ''}; ${consequence(resource)}.`,
        related: [nameLocation(svc, `Service ${svc.name}`)],
        fixes,
      });
    }
  },
};

export const routeBackendPortRequired: ObjectRule = {
  scope: 'object',
  id: 'route-backend-port-required',
  defaultSeverity: 'error',
  title: 'A Gateway API backendRef to a Service must set port (CEL rule of the Gateway API CRDs).',
  kinds: ROUTE_KINDS,
  check({ resource, report }) {
    for (const ref of resource.backends ?? []) {
      if (ref.port) continue;
      report({
        range: ref.serviceName.range,
        message:
          `${ref.path}: a backendRef to Service "${ref.serviceName.value}" must set port (a Service is reached on one of its ports); ` +
          `the API server answers ${invalid(ref.path, 'object', 'Must have port for Service reference')}`,
      });
    }
  },
};
