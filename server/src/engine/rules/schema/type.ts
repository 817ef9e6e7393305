import { isScalar, Scalar } from 'yaml';
import { shown } from '../../k8s/apiErrors';
import { displayType, expectedTypes, goType } from '../../schema/navigate';
import type { Fix, Range } from '../../types';
import { article, INT32_MAX, INT32_MIN, isInt32, replaceFix } from '../helpers';
import type { ObjectRule } from '../rule';
import { SCHEMA_KINDS } from './kinds';
import { LocatedProblem, pathInfo, structuralProblems } from './structure';

const QUANTITY_REGEX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** The decoder's word for a JSON value (Go's UnmarshalTypeError.Value): `string`, `number 80.5`, `bool` … */
function decoderValueWord(value: unknown, goTypeName: string): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    const intTarget = /^u?int/.test(goTypeName);
    const fits = goTypeName === 'int32' ? value >= INT32_MIN && value <= INT32_MAX : Number.isSafeInteger(value);
    // A number that does not fit an integer field is named with its literal.
    return intTarget && (!Number.isInteger(value) || !fits) ? `number ${value}` : 'number';
  }
  return 'object';
}

/**
 * `"80" is a string`, `80.5 is a fraction`, `yes is a boolean …`, `a map` (collections are not
 * echoed: they can be long). Scalars are quoted as written, so `1.0` stays `1.0`.
 */
function describeValue(value: unknown, expected: string[], source: string): string {
  if (Array.isArray(value)) return 'a list';
  if (value && typeof value === 'object') return 'a map';
  const written = source && !source.includes('\n') ? source : shown(value);
  if (typeof value === 'number' && expected.includes('integer')) {
    if (!Number.isFinite(value)) return `${written} is not a finite number`;
    return Number.isInteger(value) ? `${written} is out of the int32 range` : `${written} is a fraction`;
  }
  if (typeof value === 'boolean') {
    const yaml11 = !/^(true|false)$/i.test(source) ? ' (YAML 1.1 reads yes/no/on/off as booleans)' : '';
    return `${written} is a boolean${yaml11}`;
  }
  const type = typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : `a ${typeof value}`;
  return `${written} is ${type}`;
}

function goQuoted(text: string): string {
  return JSON.stringify(text);
}

/** The repair when one is obvious: a quoted whole number for an integer field, a quoted "true"/"false" for a boolean, a number or boolean for a string field quoted as written. */
function fixFor(p: LocatedProblem, value: unknown, expected: string[], source: string): Fix[] {
  const node = p.node;
  if (!isScalar(node)) return [];
  const range: Range = p.range;
  if (typeof value === 'string' && expected.includes('integer') && !expected.includes('string')) {
    const t = value.trim();
    if (/^[+-]?\d+$/.test(t) && isInt32(Number(t))) return [replaceFix(`Change to the number ${Number(t)}`, range, String(Number(t)), true)];
  }
  if (typeof value === 'string' && expected.includes('boolean') && (value === 'true' || value === 'false')) {
    return [replaceFix(`Change to the boolean ${value}`, range, value, true)];
  }
  const stringField = expected.length === 1 && expected[0] === 'string';
  if ((typeof value === 'number' || typeof value === 'boolean') && stringField && node.type === Scalar.PLAIN && !source.includes('\n')) {
    return [replaceFix(`Quote the value: "${source}"`, range, goQuoted(source), true)];
  }
  return [];
}

export const schemaType: ObjectRule = {
  scope: 'object',
  id: 'schema-type',
  defaultSeverity: 'error',
  secondary: true,
  title: 'A value of the wrong JSON type for its field (a quoted number for an integer, a number for a string …): the decoder answers 400.',
  kinds: SCHEMA_KINDS,
  check({ object, parsed, report }) {
    for (const p of structuralProblems(object)) {
      if (p.problem.type !== 'type') continue;
      const { printed, at } = pathInfo(p.kind, p.problem.path);
      if (!at) continue;
      const value = p.problem.value;
      const go = goType(at.schema, at.definition);
      const version = p.kind.apiVersion.slice(p.kind.apiVersion.lastIndexOf('/') + 1);
      const kind = p.kind.kind;
      const cause =
        go === 'resource.Quantity'
          ? QUANTITY_REGEX
          : `json: cannot unmarshal ${decoderValueWord(value, go)} into Go struct field ${at.goStruct}.${at.goField.join('.')} of type ${go}`;
      const expected = displayType(at.schema, at.definition);
      const types = expectedTypes(at.schema);
      // The scalar as written (an alias or a collection is described by its value instead).
      const source = isScalar(p.node) && p.node.range ? parsed.text.slice(p.node.range[0], p.node.range[1]) : '';
      report({
        range: p.range,
        about: p.about,
        message: `${printed}: ${describeValue(value, types, source)}, but the field is ${article(expected)}; the API server answers 400: ${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`,
        fixes: fixFor(p, value, types, source),
      });
    }
  },
};
