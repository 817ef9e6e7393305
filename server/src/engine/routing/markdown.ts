// Small Markdown helpers shared by the routing renders: code spans that survive backticks in
// user values, links to a place in a file, and compact counting words.
import { displayFile } from '../k8s/selection';
import type { Range } from '../types';
import type { ObjectRef } from './model';

export interface RenderOptions {
  /** A link target for a place in a file; undefined renders plain text. Default: `<uri>#L<line>` for URIs. */
  link?: (file: string, range: Range) => string | undefined;
  /** Most workloads / landings listed before "… and N more". */
  maxItems?: number;
}

export const DEFAULT_MAX_ITEMS = 8;

export function code(value: unknown): string {
  const s = String(value).replace(/\r?\n/g, ' ');
  if (!s.includes('`')) return `\`${s}\``;
  return `\`\` ${s} \`\``;
}

export function defaultLink(file: string, range: Range): string | undefined {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) ? `${file}#L${range.start.line + 1}` : undefined;
}

function escapeLinkText(s: string): string {
  return s.replace(/([[\]])/g, '\\$1');
}

/** `Deployment `x`` as a link to its name in its file when the options can link. */
export function refLink(ref: ObjectRef, options: RenderOptions): string {
  const text = `${ref.kind} ${code(ref.name)}`;
  const target = (options.link ?? defaultLink)(ref.file, ref.range);
  return target ? `[${escapeLinkText(text)}](${target.replace(/[ ()]/g, (c) => encodeURIComponent(c))})` : text;
}

/** `service-backend.yaml:18`, for telling files apart at a glance. */
export function place(ref: { file: string; range: Range }): string {
  return code(`${displayFile(ref.file)}:${ref.range.start.line + 1}`);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function problemLine(p: { severity: 'warning' | 'information'; message: string }): string {
  return `${p.severity === 'warning' ? '⚠️' : 'ℹ️'} ${p.message}`;
}
