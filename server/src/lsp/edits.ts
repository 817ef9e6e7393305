// Engine edits (a file key per edit) as one LSP WorkspaceEdit. Open documents are addressed by
// the client's URI and, when the client supports documentChanges, by their version, so a stale
// edit is refused by the editor instead of being applied to text that moved.
import { OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextEdit as EngineEdit } from '../engine/types';
import type { Session } from './session';

export function toWorkspaceEdit(session: Session, edits: ReadonlyArray<EngineEdit & { file: string }>): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(TextEdit.replace(e.range, e.newText));
  }
  if (session.clientCapabilities.workspace?.workspaceEdit?.documentChanges) {
    const documentChanges = [...byFile].map(([file, list]) =>
      TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(session.clientUri(file), session.openVersion(file)), list),
    );
    return { documentChanges };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const [file, list] of byFile) changes[session.clientUri(file)] = list;
  return { changes };
}
