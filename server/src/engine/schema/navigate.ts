// Walks the generated schemas along a field path: what a field is (description, type), which
// fields an object declares, and how the API server's Go decoder names it in its errors
// (`Go struct field ServicePort.spec.ports.port of type int32`).
import { DEFINITIONS, KindSchema, SchemaNode } from './catalog';

export type PathSegment = string | number;

/** Where a walk stands: the schema of the value and the Go decoder's view of it. */
export interface Located {
  schema: SchemaNode;
  /** Definition name when the value's schema is a `$ref`, e.g. `io.k8s.api.core.v1.ServicePort`. */
  definition?: string;
  /** The description written on the field itself (it is more specific than its type's). */
  fieldDescription?: string;
  /** Go struct that declares the field, as the decoder prints it: `ServicePort`. */
  goStruct: string;
  /** JSON field names from the root, without indices and map keys: `spec.ports.port`. */
  goField: string[];
  /** True when the value is an entry of a map (`labels`, `resources.limits`). */
  mapEntry: boolean;
}

const DEFINITION_REF = /#\/definitions\/(.+)$/;

export function definitionOfRef(ref: string): string | undefined {
  const m = DEFINITION_REF.exec(ref);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

/** Follows `$ref` and one-element `allOf` wrappers to the schema that says what the value is. */
export function resolve(node: SchemaNode): { schema: SchemaNode; definition?: string } {
  let current = node;
  let definition: string | undefined;
  for (let hops = 0; hops < 16; hops++) {
    if (current.$ref) {
      const name = definitionOfRef(current.$ref);
      const target = name ? DEFINITIONS.definitions[name] : undefined;
      if (!target || !name) break;
      definition = name;
      current = target;
    } else if (current.allOf?.length === 1 && current.allOf[0]) {
      current = current.allOf[0];
    } else break;
  }
  return definition ? { schema: current, definition } : { schema: current };
}

export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

export function rootOf(kind: KindSchema): Located {
  return { schema: kind.schema, definition: kind.definition, goStruct: kind.kind, goField: [], mapEntry: false };
}

/** One step down: a property of an object, an item of an array, or an entry of a map. */
export function step(at: Located, segment: PathSegment): Located | undefined {
  const s = at.schema;
  if (typeof segment === 'number') {
    if (!s.items) return undefined;
    // An array item keeps the decoder's context: the struct and field that hold the array.
    const r = resolve(s.items);
    const out: Located = { schema: r.schema, goStruct: at.goStruct, goField: at.goField, mapEntry: false };
    if (r.definition) out.definition = r.definition;
    return out;
  }
  const prop = s.properties?.[segment];
  if (prop) {
    const r = resolve(prop);
    const out: Located = {
      schema: r.schema,
      goStruct: at.definition ? shortName(at.definition) : at.goStruct,
      goField: [...at.goField, segment],
      mapEntry: false,
    };
    if (r.definition) out.definition = r.definition;
    if (prop.description) out.fieldDescription = prop.description;
    return out;
  }
  if (typeof s.additionalProperties === 'object') {
    const r = resolve(s.additionalProperties);
    const out: Located = { schema: r.schema, goStruct: at.goStruct, goField: at.goField, mapEntry: true };
    if (r.definition) out.definition = r.definition;
    // A map entry has no text of its own: the map's describes it (`labels`, `resources.limits`).
    if (at.fieldDescription && !r.schema.description) out.fieldDescription = at.fieldDescription;
    return out;
  }
  return undefined;
}

export function locate(kind: KindSchema, path: readonly PathSegment[]): Located | undefined {
  let at: Located | undefined = rootOf(kind);
  for (const seg of path) {
    at = step(at, seg);
    if (!at) return undefined;
  }
  return at;
}

/** The fields an object declares (empty for maps and open objects). */
export function fieldNames(at: Located): string[] {
  return Object.keys(at.schema.properties ?? {});
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const TIMES = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']);

/**
 * The Go type the decoder names when a value does not fit, e.g. `int32`, `string`, `bool`,
 * `[]v1.ContainerPort`, `map[string]string`, `v1.ServiceSpec`. IntOrString fails as int32 (its
 * unmarshaller decodes non-strings into its int32 half), Time as string.
 */
export function goType(schema: SchemaNode, definition?: string): string {
  if (definition === INT_OR_STRING) return 'int32';
  if (definition === QUANTITY) return 'resource.Quantity';
  if (definition && TIMES.has(definition)) return 'string';
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (t === 'object' && definition && schema.properties) return `v1.${shortName(definition)}`;
  switch (t) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'array': {
      const item = schema.items ? resolve(schema.items) : undefined;
      return `[]${item ? goType(item.schema, item.definition) : 'interface {}'}`;
    }
    case 'object': {
      if (typeof schema.additionalProperties === 'object') {
        const v = resolve(schema.additionalProperties);
        return `map[string]${goType(v.schema, v.definition)}`;
      }
      return 'map[string]interface {}';
    }
    default:
      return 'interface {}';
  }
}

/** A short type for people (hover, messages): `integer (int32)`, `integer or string`, `[]ContainerPort`, `map[string]string`. */
export function displayType(schema: SchemaNode, definition?: string): string {
  if (definition === INT_OR_STRING || schema.format === 'int-or-string') return 'integer or string';
  if (definition === QUANTITY || schema.format === 'quantity') return 'quantity (string or number, e.g. "500m", "1Gi")';
  if (definition && TIMES.has(definition)) return 'string (RFC 3339 time)';
  const t = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (t === 'integer') return schema.format ? `integer (${schema.format})` : 'integer';
  if (t === 'array') {
    const item = schema.items ? resolve(schema.items) : undefined;
    return `[]${item ? (item.definition && item.schema.properties ? shortName(item.definition) : displayType(item.schema, item.definition)) : 'any'}`;
  }
  if (t === 'object') {
    if (definition && schema.properties) return shortName(definition);
    if (typeof schema.additionalProperties === 'object') {
      const v = resolve(schema.additionalProperties);
      return `map[string]${v.definition && v.schema.properties ? shortName(v.definition) : displayType(v.schema, v.definition)}`;
    }
    return 'object';
  }
  return t ?? 'any';
}

/** The JSON types a schema accepts, for "expected …" wording. */
export function expectedTypes(schema: SchemaNode): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}
