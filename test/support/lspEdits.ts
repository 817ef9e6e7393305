// Code actions and workspace edits as an editor handles them: ask the server for actions, pick
// one, apply its WorkspaceEdit to the texts, and send the result back as edits.
import * as assert from 'node:assert/strict';
import type { CodeAction, Command, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from './applyEdits';
import type { TestClient } from './lspClient';

export function codeActions(client: TestClient, uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
  return client
    .request<Array<CodeAction | Command> | null>('textDocument/codeAction', { textDocument: { uri }, range, context: only ? { diagnostics, only } : { diagnostics } })
    .then((r) => (r ?? []).filter((a): a is CodeAction => typeof (a as CodeAction).title === 'string' && (a as Command).command === undefined));
}

/** The action whose title equals `title` (or matches it); fails listing the titles offered. */
export function pick(actions: CodeAction[], title: string | RegExp): CodeAction {
  const found = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(found, `no code action ${String(title)}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  return found;
}

/**
 * Applies a WorkspaceEdit (`changes` or text-document `documentChanges`) to `files` (uri → text),
 * as an editor would; returns the new texts. Fails on edits to unknown files, on resource
 * operations and on a version that does not match `versions`.
 */
export function applyWorkspaceEdit(files: ReadonlyMap<string, string>, edit: WorkspaceEdit | undefined, versions: ReadonlyMap<string, number> = new Map()): Map<string, string> {
  assert.ok(edit, 'the action carries no edit');
  const out = new Map(files);
  const apply = (uri: string, edits: TextEdit[]) => {
    const text = out.get(uri);
    assert.ok(text !== undefined, `edit for a file the test does not know: ${uri}`);
    out.set(uri, applyEdits(text, edits));
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  for (const change of edit.documentChanges ?? []) {
    assert.ok('textDocument' in change, `unexpected resource operation ${JSON.stringify(change)}`);
    const want = versions.get(change.textDocument.uri);
    if (want !== undefined && change.textDocument.version !== null) assert.equal(change.textDocument.version, want, `stale version for ${change.textDocument.uri}`);
    apply(change.textDocument.uri, change.edits.filter((e): e is TextEdit => 'range' in e));
  }
  return out;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

/** A cursor marked `|` in a text: the text without it, and its position. */
export function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const at = marked.indexOf('|');
  assert.ok(at >= 0, 'no | cursor marker');
  const before = marked.slice(0, at);
  const line = before.split('\n').length - 1;
  return { text: before + marked.slice(at + 1), position: { line, character: at - (before.lastIndexOf('\n') + 1) } };
}
