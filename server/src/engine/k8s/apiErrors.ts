// How the API server words its answers, so messages can quote them (k8s-service-validation.md §0.4).

/** Go's %q for the simple strings we quote. */
export function q(value: unknown): string {
  return JSON.stringify(String(value));
}

/** A value as the API server echoes it: strings quoted, numbers and booleans bare, the rest as JSON. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return q(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? String(value);
}

export function supportedValues(values: readonly string[]): string {
  return `supported values: ${[...values].sort().map(q).join(', ')}`;
}

// Each helper renders one cause of a 422 answer the way kubectl prints it, status code first:
// `422: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", …`.

export function unsupported(path: string, value: unknown, values: readonly string[]): string {
  return `422: ${path}: Unsupported value: ${shown(value)}: ${supportedValues(values)}`;
}

export function invalid(path: string, value: unknown, detail: string): string {
  return `422: ${path}: Invalid value: ${shown(value)}: ${detail}`;
}

export function forbidden(path: string, detail: string): string {
  return `422: ${path}: Forbidden: ${detail}`;
}

export function required(path: string, detail = ''): string {
  return `422: ${path}: Required value${detail ? `: ${detail}` : ''}`;
}

export function duplicate(path: string, value: unknown): string {
  return `422: ${path}: Duplicate value: ${shown(value)}`;
}

const GO_TYPE: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'bool', object: 'object', array: 'array', null: 'null' };

/**
 * The decoder's 400 for a JSON value of the wrong type, e.g.
 * `json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`.
 */
export function badType(kind: string, goField: string, jsonType: string, goType: string): string {
  return `400: ${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${GO_TYPE[jsonType] ?? jsonType} into Go struct field ${goField} of type ${goType}`;
}

export const PORT_RANGE = 'must be between 1 and 65535, inclusive';

export const IP_INVALID = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const CIDR_INVALID = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** Several causes of one 422, the way kubectl prints them: `422: [cause1, cause2]`. */
export function all(answers: readonly string[]): string {
  const causes = answers.map((a) => a.replace(/^422: /, ''));
  return causes.length === 1 ? `422: ${causes[0]}` : `422: [${causes.join(', ')}]`;
}

/** Errors the allocators raise as plain errors: HTTP 500 "Internal error occurred". */
export function internalError(detail: string): string {
  return `500: Internal error occurred: ${detail}`;
}

export function tooLong(path: string, detail: string): string {
  return `422: ${path}: Too long: ${detail}`;
}
