// The routing engine's view of an open document: its current syntax tree, the workspace index,
// the settings, whether indexing is still running, and how renders link to workload files.
import type { FieldDocs, RoutingContext } from '../../engine/routing';
import { describeField } from '../../engine/schemaDocs';
import type { Range } from '../../engine/types';
import type { Session } from '../session';

/** Field documentation for field hovers: the Kubernetes OpenAPI descriptions of the generated schemas. */
export const FIELD_DOCS: FieldDocs = (apiVersion, kind, path) => describeField(apiVersion, kind, path);

/** `file:///…/app.yaml#L20`: VS Code opens the file at that line from a hover or preview link. */
export function fileLink(file: string, range: Range): string | undefined {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) ? `${file}#L${range.start.line + 1}` : undefined;
}

export function routingContext(session: Session, uri: string): RoutingContext | undefined {
  const model = session.documentModel(uri);
  if (!model) return undefined;
  return {
    parsed: model.parsed,
    objects: model.objects,
    index: session.linter.index,
    settings: session.linter.settings,
    indexing: session.indexing,
    fieldDocs: FIELD_DOCS,
    render: { link: fileLink },
  };
}
