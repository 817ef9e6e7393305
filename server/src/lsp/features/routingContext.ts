// The routing engine's view of an open document: its current syntax tree, the workspace index,
// the settings, whether indexing is still running, and the field documentation for hovers. Renders
// link to workload files with their default (`file:///…/app.yaml#L20`, opened by VS Code at that line).
import type { RoutingContext } from '../../engine/routing';
import { describeField } from '../../engine/schemaDocs';
import type { Session } from '../session';

export function routingContext(session: Session, uri: string): RoutingContext | undefined {
  const model = session.documentModel(uri);
  if (!model) return undefined;
  return {
    parsed: model.parsed,
    objects: model.objects,
    index: session.linter.index,
    settings: session.linter.settings,
    indexing: session.indexing,
    // The Kubernetes OpenAPI descriptions of the generated schemas.
    fieldDocs: describeField,
  };
}
