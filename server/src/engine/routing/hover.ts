// Position in an open document → hover Markdown, "Show Routing" preview, code lenses. The
// language server passes the parsed document and the workspace index; everything here is pure.
import type { WorkspaceIndex } from '../index';
import type { ParsedFile } from '../parse';
import type { ContainerView, ObjectNode, Resource } from '../resources';
import type { Settings } from '../settings';
import type { Position, Range } from '../types';
import { rangeContains } from '../types';
import { buildRouting } from './build';
import { FieldDocs, NO_FIELD_DOCS, renderFieldSection } from './fieldDocs';
import { fieldAt, objectAt, PathSegment } from './finder';
import type { RenderOptions } from './markdown';
import { renderRoutingMarkdown, routingSummary } from './render';
import { renderWorkloadRoutes, routesToWorkload, WorkloadFocus } from './workloadRoutes';

export interface RoutingContext {
  parsed: ParsedFile;
  objects: readonly ObjectNode[];
  index: WorkspaceIndex;
  settings: Settings;
  /** The workspace index is still being built. */
  indexing?: boolean;
  fieldDocs?: FieldDocs;
  render?: RenderOptions;
}

export interface HoverResult {
  markdown: string;
  range: Range;
}

/** The hover for a position: routing on a Service, routes in on pod labels and container ports. */
export function hoverAt(c: RoutingContext, position: Position): HoverResult | undefined {
  const object = objectAt(c.parsed, c.objects, position);
  if (!object) return undefined;
  const hit = fieldAt(c.parsed, object, position);
  if (!hit) return undefined;
  const r = object.resource;
  if (r.service) {
    const model = buildRouting(r, c.index, c.settings, { indexing: c.indexing ?? false });
    if (isServiceField(hit.path)) {
      const field = renderFieldSection(r, hit.path, model, c.fieldDocs ?? NO_FIELD_DOCS);
      // The fields that define routing get the whole preview; the others a one-line summary.
      const rest = PREVIEW_FIELDS.has(String(hit.path[1])) ? renderRoutingMarkdown(model, c.render) : `**Routing:** ${routingSummary(model)} · hover the Service name for the full preview`;
      if (field) return { markdown: `${field}\n\n---\n\n${rest}`, range: hit.range };
    }
    return { markdown: renderRoutingMarkdown(model, c.render), range: hit.range };
  }
  if (r.podTemplate) {
    const focus = podFocus(r, hit.path);
    if (!focus) return undefined;
    const routes = routesToWorkload(r, c.index, c.settings, { indexing: c.indexing ?? false });
    return { markdown: renderWorkloadRoutes(routes, focus, c.render), range: hit.range };
  }
  if (r.backends) {
    const service = backendServiceAt(c, r, position);
    if (service) return { markdown: renderRoutingMarkdown(buildRouting(service, c.index, c.settings, { indexing: c.indexing ?? false }), c.render), range: hit.range };
  }
  return undefined;
}

/** The full routing preview for the object under the cursor (the "Show Routing" command). */
export function routingAt(c: RoutingContext, position: Position): { title: string; markdown: string } | undefined {
  const object = objectAt(c.parsed, c.objects, position);
  const r = object?.resource;
  if (!r) return undefined;
  const name = r.name ?? '(unnamed)';
  if (r.service) return { title: `Routing of Service ${name}`, markdown: renderRoutingMarkdown(buildRouting(r, c.index, c.settings, { indexing: c.indexing ?? false }), c.render) };
  if (r.podTemplate) return { title: `Traffic to ${r.kind} ${name}`, markdown: renderWorkloadRoutes(routesToWorkload(r, c.index, c.settings, { indexing: c.indexing ?? false }), {}, c.render) };
  const service = r.backends ? backendServiceAt(c, r, position) : undefined;
  if (service) return { title: `Routing of Service ${service.name ?? ''}`, markdown: renderRoutingMarkdown(buildRouting(service, c.index, c.settings, { indexing: c.indexing ?? false }), c.render) };
  return undefined;
}

export interface RoutingLens {
  range: Range;
  title: string;
  /** Where "Show Routing" should look: inside the Service. */
  position: Position;
}

/** One lens per Service of the document, above its first line. */
export function routingLenses(c: Omit<RoutingContext, 'parsed'>): RoutingLens[] {
  const out: RoutingLens[] = [];
  for (const o of c.objects) {
    const r = o.resource;
    if (!r.service) continue;
    const start = r.range.start;
    out.push({ range: { start, end: start }, title: routingSummary(buildRouting(r, c.index, c.settings, { indexing: c.indexing ?? false })), position: start });
  }
  return out;
}

/** Fields whose hover shows the whole routing preview under the field's documentation. */
const PREVIEW_FIELDS = new Set(['type', 'clusterIP', 'clusterIPs', 'ports']);

/** Service fields whose hover adds documentation and meaning to the preview. */
function isServiceField(path: readonly PathSegment[]): boolean {
  if (path[0] !== 'spec' || typeof path[1] !== 'string' || path[1] === 'selector') return false;
  if (path[1] === 'ports') return typeof path[2] === 'number' && typeof path[3] === 'string';
  return true;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/** Pod-side hover targets: the template's labels (all routes) or one container port (routes landing there). */
function podFocus(r: Resource, path: readonly PathSegment[]): WorkloadFocus | undefined {
  const t = r.podTemplate!;
  const tpl: PathSegment[] = t.path ? t.path.split('.') : [];
  if (startsWith(path, [...tpl, 'metadata', 'labels'])) return {};
  for (const list of ['containers', 'initContainers']) {
    const base = [...tpl, 'spec', list];
    if (!startsWith(path, base)) continue;
    const ci = path[base.length];
    if (typeof ci !== 'number' || path[base.length + 1] !== 'ports') return undefined;
    const containerPath = base.join('.');
    const container: ContainerView | undefined = t.containers.find((c) => c.path === containerPath && c.index === ci);
    const pi = path[base.length + 2];
    if (!container) return undefined;
    if (typeof pi !== 'number') return {};
    const port = container.ports[pi];
    return port ? { container, port } : {};
  }
  return undefined;
}

/** The Service an Ingress / route backend under the cursor refers to. */
function backendServiceAt(c: RoutingContext, r: Resource, position: Position): Resource | undefined {
  const ref = r.backends?.find((b) => rangeContains(b.range, position));
  if (!ref) return undefined;
  return c.index.servicesNamed(ref.namespace ?? c.index.ns(r), ref.serviceName.value)[0];
}
