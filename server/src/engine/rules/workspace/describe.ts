// Wording shared by the cross-file rules: how to name a workload, its file, its namespace and its
// ports, so every message reads the same way; and the Service names a misspelt reference may mean.
import type { WorkspaceIndex } from '../../index';
import { displayFile, servingContainers } from '../../k8s/selection';
import type { ContainerPortView, ContainerView, Resource } from '../../resources';
import { nearest } from '../../text/similar';
import type { Fix, Range, RelatedLocation } from '../../types';
import { yamlString } from '../helpers';
import { replaceEdit } from './edits';

/** `Deployment web`. */
export function workloadName(r: Resource): string {
  return r.name ? `${r.kind} ${r.name}` : `${r.kind} (unnamed)`;
}

/** ` in deploy.yaml` when `r` lives in another file than `fromFile`, else ` in this file`. */
export function inFile(r: Resource, fromFile: string): string {
  return r.file === fromFile ? ' in this file' : ` in ${displayFile(r.file)}`;
}

/** `namespace "default"`, noting when that is only the default because metadata.namespace is unset. */
export function namespacePhrase(index: WorkspaceIndex, r: Resource): string {
  return r.namespace === undefined ? `namespace "${index.ns(r)}" (metadata.namespace is unset)` : `namespace "${r.namespace}"`;
}

/** `8080/TCP "web"`. */
export function containerPortText(p: ContainerPortView): string {
  const n = p.containerPort?.value;
  return `${typeof n === 'number' ? n : JSON.stringify(n ?? null)}/${p.protocol}${p.name ? ` "${String(p.name.value)}"` : ''}`;
}

/** The ports the Service can reach in a template (containers and sidecars), as text. */
export function declaredPortsText(w: Resource): string {
  const ports = servingPorts(w).map(({ port }) => containerPortText(port));
  return ports.length ? ports.join(', ') : 'no ports';
}

export function servingPorts(w: Resource): Array<{ container: ContainerView; port: ContainerPortView }> {
  const t = w.podTemplate;
  if (!t) return [];
  return servingContainers(t).flatMap((container) => container.ports.map((port) => ({ container, port })));
}

/** A related location on the pod template labels of a workload. */
export function templateLabelsLocation(w: Resource, message: string): RelatedLocation {
  return { file: w.file, range: w.podTemplate?.labels.range ?? w.nameRange ?? w.kindRange, message };
}

export function nameLocation(r: Resource, message: string): RelatedLocation {
  return { file: r.file, range: r.nameRange ?? r.kindRange, message };
}

/** `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** At most `max` items, then `and N more`. */
export function capped(items: readonly string[], max = 3): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `${items.length - max} more`];
}

/**
 * Services of `ns` named like `name` (a reference to a Service that is not there), with a fix per
 * name that writes it at `range`, preferred only when there is just one.
 */
export function nearServiceNames(index: WorkspaceIndex, ns: string, name: string, range: Range, title: (name: string) => string): { names: string[]; fixes: Fix[] } {
  const names = nearest(
    name,
    [...index.services(ns)].map((s) => s.name).filter((n): n is string => n !== undefined),
  );
  const fixes = names.map((c) => ({ title: title(c), edits: [replaceEdit(range, yamlString(c))], ...(names.length === 1 ? { preferred: true } : {}) }));
  return { names, fixes };
}
