// Building blocks shared by rules: fixes that replace a value, strings written back as YAML, and
// the decoder's wrong-type message.
import { parse } from 'yaml';
import { badType, shown } from '../k8s/apiErrors';
import type { Fix, Range } from '../types';

export function replaceFix(title: string, range: Range, newText: string, preferred = false): Fix {
  const fix: Fix = { title, edits: [{ range, newText }] };
  if (preferred) fix.preferred = true;
  return fix;
}

/** `s` as a YAML scalar that reads back as the string `s` under YAML 1.1 (quoted when it would not). */
export function yamlString(s: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s)) {
    try {
      if (parse(s, { version: '1.1' }) === s) return s;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(s);
}

/** `an integer`, `a string`, `an IPv4 address`: the word with its indefinite article. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'bigint') return 'integer';
  return typeof value;
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** An integer the decoder accepts for an int32 field; larger ones fail decoding (400) before validation. */
export function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** `spec.ports[0].port: "80" is a string, but the field is an integer; the API server answers 400: …`. */
export function wrongTypeMessage(path: string, value: unknown, expected: string, kind: string, goField: string, goType: string): string {
  const actual = jsonTypeOf(value);
  if (typeof value === 'number' && goType === 'int32' && (actual === 'number' || !isInt32(value))) {
    // Go names the number itself: `cannot unmarshal number 3000000000 into … of type int32`.
    const what = !Number.isFinite(value) ? 'not a finite number' : actual === 'number' ? 'a fraction' : 'out of the int32 range';
    return `${path}: ${value} is ${what}, but the field is an integer (int32); the API server answers ${badType(kind, goField, `number ${value}`, goType)}`;
  }
  return `${path}: ${shown(value)} is ${article(actual)}, but the field is ${article(expected)}; the API server answers ${badType(kind, goField, actual, goType)}`;
}
