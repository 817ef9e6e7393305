// Field documentation from the generated Kubernetes schemas, for hover: what a field is and its type.
import { kindSchema } from './schema/catalog';
import { displayType, Located, PathSegment, rootOf, step } from './schema/navigate';

export interface FieldDoc {
  /** The field's description from the Kubernetes API (the field's own text, else its type's). */
  description: string;
  /** A short type for people: `integer (int32)`, `string`, `integer or string`, `[]ContainerPort`, `map[string]string`, `ServiceSpec`. */
  type: string;
}

/**
 * What the field at `path` of an apiVersion/kind is, e.g.
 * `describeField('v1', 'Service', ['spec', 'ports', 0, 'targetPort'])`. Numbers step into lists,
 * strings into fields or map keys; a field name right after a list steps into its items, so
 * `['spec', 'ports', 'targetPort']` works too. Undefined for kinds without a schema and paths the
 * schema does not know.
 */
export function describeField(apiVersion: string, kind: string, path: readonly PathSegment[]): FieldDoc | undefined {
  const k = kindSchema(apiVersion, kind);
  if (!k) return undefined;
  let at: Located | undefined = rootOf(k);
  for (const seg of path) {
    at = step(at, seg) ?? (typeof seg === 'string' ? stepIntoItems(at, seg) : undefined);
    if (!at) return undefined;
  }
  return { description: at.fieldDescription ?? at.schema.description ?? '', type: displayType(at.schema, at.definition) };
}

function stepIntoItems(at: Located, field: string): Located | undefined {
  const item = step(at, 0);
  return item && step(item, field);
}
