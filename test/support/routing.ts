// Hover and lens helpers over in-memory workspaces: lint the files as one workspace (check()),
// then ask the routing engine about a position found by a text marker.
import { parseFile } from '../../server/src/engine/parse';
import { extractObjects } from '../../server/src/engine/resources';
import { FieldDocs, hoverAt, RoutingContext, routingAt, routingLenses } from '../../server/src/engine/routing';
import type { Position } from '../../server/src/engine/types';
import { check } from './check';

export interface Workspace {
  context(file: string, extra?: Partial<RoutingContext>): RoutingContext;
  /** Hover Markdown at the first character of the `occurrence`-th `needle` in `file` (undefined: no hover). */
  hover(file: string, needle: string, occurrence?: number, extra?: Partial<RoutingContext>): string | undefined;
  lenses(file: string, extra?: Partial<RoutingContext>): string[];
  routing(file: string, needle: string): { title: string; markdown: string } | undefined;
}

/** Position of the `occurrence`-th (0-based) occurrence of `needle`, plus `shift` characters. */
export function positionOf(text: string, needle: string, occurrence = 0, shift = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${occurrence} not found`);
  }
  const offset = at + shift;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function workspace(files: Record<string, string>, settings: Record<string, unknown> = {}, fieldDocs?: FieldDocs): Workspace {
  const { linter } = check(files, settings);
  const context = (file: string, extra: Partial<RoutingContext> = {}): RoutingContext => {
    const text = files[file];
    if (text === undefined) throw new Error(`no file ${file}`);
    const parsed = parseFile(file, text);
    return { parsed, objects: extractObjects(parsed), index: linter.index, settings: linter.settings, ...(fieldDocs ? { fieldDocs } : {}), ...extra };
  };
  return {
    context,
    hover: (file, needle, occurrence = 0, extra = {}) => hoverAt(context(file, extra), positionOf(files[file]!, needle, occurrence))?.markdown,
    lenses: (file, extra = {}) => routingLenses(context(file, extra)).map((l) => l.title),
    routing: (file, needle) => routingAt(context(file), positionOf(files[file]!, needle)),
  };
}
