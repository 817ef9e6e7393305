// Code actions: the quick fixes that travel in each diagnostic's `data`, "fix all" for preferred
// fixes (per rule, and as the source.fixAll.kubeServiceLens action that editors run on save),
// suppression comments, and the refactorings "Expose as Service" and "Use named port".
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { combinePreferredFixes } from '../../engine/edit/fixAll';
import { disableFileFix, disableLineFix } from '../../engine/edit/suppression';
import type { Fix, Range, TextEdit } from '../../engine/types';
import { compareRanges } from '../../engine/types';
import { SOURCE } from '../diagnostics';
import { toWorkspaceEdit } from '../edits';
import { guard } from '../guard';
import type { Session } from '../session';
import { normalizeUri } from '../uri';
import type { Feature } from './feature';
import { refactorActions } from './refactorings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeServiceLens`;

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: {
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.RefactorExtract, CodeActionKind.RefactorRewrite],
      resolveProvider: false,
    },
  },
  register(connection, session, log) {
    connection.onCodeAction(guard(log, 'codeAction', [] as CodeAction[], (params) => codeActions(session, params)));
  },
};

async function codeActions(session: Session, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const document = session.documents.get(uri);
  if (!document) return [];
  const only = params.context.only;
  // Without `only` the editor asks for everything it shows in the light bulb; source actions are
  // only ever listed when asked for by kind.
  const wanted = (kind: string, listedByDefault = true) => (only ? only.some((o) => kind === o || kind.startsWith(`${o}.`)) : listedByDefault);

  const findings = session.currentFindings(uri); // syncs the document first
  const key = normalizeUri(uri); // the key syncDocument gives it
  const text = document.getText();
  const out: CodeAction[] = [];

  if (wanted(CodeActionKind.QuickFix)) {
    const fixAllDone = new Set<string>();
    const disableDone = new Set<string>();
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const rule = d.code;
      // Fixes are taken from the diagnostic, but only while the engine still reports it there:
      // a diagnostic of an older version would carry edits for text that has moved.
      const current = findings.find((f) => f.rule === rule && compareRanges(f.range, d.range) === 0);
      if (!current) continue;
      for (const fix of readFixes(d.data)) out.push(quickFix(session, fix, key, d));
      if (!fixAllDone.has(rule)) {
        fixAllDone.add(rule);
        const all = combinePreferredFixes(findings, rule);
        if (all.count >= 2) {
          out.push({ title: `Fix all ${rule} problems in this file (${all.count})`, kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOf(params.context.diagnostics, rule), edit: toWorkspaceEdit(session, all.edits) });
        }
      }
      const lineKey = `${rule}@${d.range.start.line}`;
      if (!disableDone.has(lineKey)) {
        disableDone.add(lineKey);
        out.push(quickFix(session, disableLineFix(text, rule, d.range.start.line), key, d));
      }
      if (!disableDone.has(rule)) {
        disableDone.add(rule);
        out.push(quickFix(session, disableFileFix(text, rule), key, d));
      }
    }
  }

  if (only && wanted(FIX_ALL_KIND, false)) {
    const all = combinePreferredFixes(findings);
    if (all.count > 0) out.push({ title: 'Fix all auto-fixable Kubernetes Service Lens problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(session, all.edits) });
  }

  if (wanted(CodeActionKind.RefactorExtract) || wanted(CodeActionKind.RefactorRewrite)) {
    const explicit = !!only?.some((o) => o === CodeActionKind.Refactor || o.startsWith(`${CodeActionKind.Refactor}.`));
    for (const action of await refactorActions(session, key, params.range, explicit)) if (wanted(action.kind ?? CodeActionKind.Refactor)) out.push(action);
  }
  return out;
}

function quickFix(session: Session, fix: Fix, defaultFile: string, d: Diagnostic): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: toWorkspaceEdit(session, fix.edits.map((e) => ({ ...e, file: e.file ?? defaultFile }))),
  };
  if (fix.preferred) action.isPreferred = true;
  return action;
}

function diagnosticsOf(diags: Diagnostic[], rule: string): Diagnostic[] {
  return diags.filter((d) => d.source === SOURCE && d.code === rule);
}

// `data` comes back from the client as plain JSON: check its shape before trusting it.

function isPosition(x: unknown): boolean {
  const p = x as { line?: unknown; character?: unknown } | null;
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

function isRange(x: unknown): x is Range {
  const r = x as { start?: unknown; end?: unknown } | null;
  return !!r && isPosition(r.start) && isPosition(r.end);
}

function isEdit(x: unknown): x is TextEdit {
  const e = x as { range?: unknown; newText?: unknown; file?: unknown } | null;
  return !!e && isRange(e.range) && typeof e.newText === 'string' && (e.file === undefined || typeof e.file === 'string');
}

export function readFixes(data: unknown): Fix[] {
  const fixes = (data as { fixes?: unknown } | null)?.fixes;
  if (!Array.isArray(fixes)) return [];
  const out: Fix[] = [];
  for (const f of fixes as Array<{ title?: unknown; edits?: unknown; preferred?: unknown } | null>) {
    if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits) || f.edits.length === 0 || !f.edits.every(isEdit)) continue;
    const fix: Fix = { title: f.title, edits: f.edits as TextEdit[] };
    if (f.preferred === true) fix.preferred = true;
    out.push(fix);
  }
  return out;
}

