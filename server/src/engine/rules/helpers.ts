// Building blocks shared by rules: fixes that replace a value, and the decoder's wrong-type message.
import { badType, shown } from '../k8s/apiErrors';
import type { Fix, Range } from '../types';

export function replaceFix(title: string, range: Range, newText: string, preferred = false): Fix {
  const fix: Fix = { title, edits: [{ range, newText }] };
  if (preferred) fix.preferred = true;
  return fix;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'bigint') return 'integer';
  return typeof value;
}

/** `spec.ports[0].port: "80" is a string, but the field is an integer; the API server answers 400: …`. */
export function wrongTypeMessage(path: string, value: unknown, expected: string, kind: string, goField: string, goType: string): string {
  const actual = jsonTypeOf(value);
  const article = /^[aeiou]/.test(actual) ? 'an' : 'a';
  return `${path}: ${shown(value)} is ${article} ${actual}, but the field is ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}; the API server answers ${badType(kind, goField, actual, goType)}`;
}
