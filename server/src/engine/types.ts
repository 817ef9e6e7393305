// Shared value types of the engine. Positions are 0-based lines and UTF-16 code-unit columns,
// the same convention as LSP and as JavaScript string offsets, so no conversion is needed
// between yaml's offsets, the editor and the engine. The CLI adds 1 when it prints.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** A text replacement in one file. `file` defaults to the finding's file. */
export interface TextEdit {
  file?: string;
  range: Range;
  newText: string;
}

/** A repair that can be applied without asking the server again (the diagnostic carries it). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Shown first and applied by "fix all" when exactly one fix is clearly right. */
  preferred?: boolean;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export function rangeContains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}
