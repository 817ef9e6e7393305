// Completion: the engine decides what fits at the cursor (engine/completion); this maps it to
// LSP items that replace the word being typed.
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, TextEdit } from 'vscode-languageserver';
import { complete, CompletionKind } from '../../engine/completion/complete';
import { guard } from '../guard';
import type { Feature } from './feature';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  enum: CompletionItemKind.EnumMember,
  labelKey: CompletionItemKind.Property,
  labelValue: CompletionItemKind.Value,
  labelSet: CompletionItemKind.Snippet,
  port: CompletionItemKind.Value,
  service: CompletionItemKind.Reference,
};

export const completionFeature: Feature = {
  name: 'completion',
  capabilities: { completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false } },
  register(connection, session, log) {
    connection.onCompletion(
      guard(log, 'completion', null as CompletionList | null, (params) => {
        const document = session.documents.get(params.textDocument.uri);
        if (!document) return null;
        session.syncDocument(params.textDocument.uri);
        const found = complete({
          text: document.getText(),
          position: params.position,
          index: session.linter.index,
          defaultNamespace: session.linter.settings.defaultNamespace,
        });
        const items = found.items.map((c): CompletionItem => {
          const item: CompletionItem = {
            label: c.label,
            kind: KIND[c.kind],
            textEdit: TextEdit.replace(c.range, c.newText),
            insertTextFormat: InsertTextFormat.PlainText,
            sortText: c.sortText,
            filterText: c.label,
          };
          if (c.detail) item.detail = c.detail;
          if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
          if (c.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
          return item;
        });
        return { isIncomplete: found.incomplete, items };
      }),
    );
  },
};
