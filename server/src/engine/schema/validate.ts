// Structural validation of one object against the schema of its apiVersion/kind, with ajv.
// Each kind's validator is compiled on first use and kept (the shared definitions are added once);
// problems come back as paths, so rules can map them to YAML nodes.
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { DEFINITIONS, KindSchema, kindSchema } from './catalog';
import type { PathSegment } from './navigate';

export type StructuralProblem =
  | { type: 'type'; path: PathSegment[]; value: unknown }
  | { type: 'unknown'; path: PathSegment[]; field: string }
  | { type: 'required'; path: PathSegment[]; field: string };

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Time spent compiling, for benchmarks and the report (milliseconds). */
export const compileStats = { ms: 0, kinds: 0 };

function validatorFor(kind: KindSchema): ValidateFunction {
  const key = `${kind.apiVersion}/${kind.kind}`;
  let v = compiled.get(key);
  if (v) return v;
  const started = performance.now();
  if (!ajv) {
    // allErrors: every problem, not only the first. Formats (int32, date-time …) are not checked by
    // ajv: int32 bounds are explicit in the schemas. Union types are how int-or-string is written.
    // The generated schemas are checked against the draft-07 meta-schema by a unit test, so not here
    // again; ajv's code optimisation passes roughly double the compile time and gain nothing measurable.
    ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false, validateSchema: false, code: { optimize: false } });
    ajv.addSchema(DEFINITIONS);
  }
  v = ajv.compile(kind.schema);
  compiled.set(key, v);
  compileStats.ms += performance.now() - started;
  compileStats.kinds++;
  return v;
}

/**
 * The structural problems of `value` (the object as the API server's decoder would see it).
 * Undefined when there is no schema for the kind.
 */
export function validateStructure(apiVersion: string, kind: string, value: unknown): StructuralProblem[] | undefined {
  const k = kindSchema(apiVersion, kind);
  if (!k) return undefined;
  const validate = validatorFor(k);
  if (validate(value)) return [];
  const out: StructuralProblem[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const p = toProblem(e, value);
    if (!p) continue;
    const key = `${p.type} ${JSON.stringify(p.path)} ${'field' in p ? p.field : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

function toProblem(e: ErrorObject, root: unknown): StructuralProblem | undefined {
  const path = parsePointer(e.instancePath, root);
  switch (e.keyword) {
    case 'type':
    case 'minimum':
    case 'maximum': {
      const value = valueAt(root, path);
      // JSON null decodes to the zero value of any Go type: never a type error.
      if (value === null || value === undefined) return undefined;
      return { type: 'type', path, value };
    }
    case 'additionalProperties':
      return { type: 'unknown', path, field: String((e.params as { additionalProperty: string }).additionalProperty) };
    case 'required':
      return { type: 'required', path, field: String((e.params as { missingProperty: string }).missingProperty) };
    default:
      return undefined;
  }
}

/** `/spec/ports/0/port` → ['spec', 'ports', 0, 'port']; a segment is a number only where the value is an array. */
function parsePointer(pointer: string, root: unknown): PathSegment[] {
  if (!pointer) return [];
  const out: PathSegment[] = [];
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const i = Number(seg);
      out.push(i);
      current = current[i];
    } else {
      out.push(seg);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const seg of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[seg];
  }
  return current;
}
