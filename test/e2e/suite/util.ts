// Helpers for tests that look at the editor through the vscode API, as a user's VS Code sees it.
import * as vscode from 'vscode';
import { ExpectedFinding, formatSpan, Severity, Span, spanOf } from '../expectations';

export const SOURCE = 'kube-service-lens';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (runExtensionTests opens one)');
  return folder.uri;
}

export const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), name);

export async function openFile(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Our diagnostics of a file (other extensions' are ignored). */
export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The rule id: the diagnostic's code (an object when the rule has a doc link). */
export function ruleOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return String(typeof c === 'object' && c !== null ? c.value : c);
}

const SEVERITY: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};
export const severityOf = (d: vscode.Diagnostic): Severity => SEVERITY[d.severity];

export const spanOfRange = (r: vscode.Range): Span => {
  if (r.start.line !== r.end.line) throw new Error(`range spans lines ${r.start.line + 1}-${r.end.line + 1}`);
  return { line: r.start.line, start: r.start.character, end: r.end.character };
};

/** `rule severity line:col-col` — readable in assertion diffs. */
export const describeDiagnostic = (d: vscode.Diagnostic): string => `${ruleOf(d)} ${severityOf(d)} ${formatSpan(spanOfRange(d.range))}`;
export const describeExpected = (text: string, f: ExpectedFinding): string => `${f.rule} ${f.severity} ${formatSpan(spanOf(text, f))}`;

export async function waitUntil<T>(probe: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the file's diagnostics satisfy `ok`; the failure names what was there instead. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  try {
    return await waitUntil(() => {
      const ds = diagnosticsOf(uri);
      return ok(ds) ? ds : undefined;
    }, what, timeoutMs);
  } catch (e) {
    const now = diagnosticsOf(uri).map(describeDiagnostic);
    throw new Error(`${(e as Error).message} on ${vscode.workspace.asRelativePath(uri)}; diagnostics now: ${JSON.stringify(now)}`);
  }
}

export const hasRule = (rule: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule);
export const lacksRule = (rule: string) => (ds: vscode.Diagnostic[]) => !ds.some((d) => ruleOf(d) === rule);

/** Sets a kubeServiceLens.* setting for the workspace folder (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kubeServiceLens').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function deleteFile(name: string): Promise<void> {
  await vscode.workspace.fs.delete(fileUri(name), { useTrash: false }).then(undefined, () => undefined);
}

/** Closes every editor without saving (tests leave the workspace as they found it). */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The text of every hover, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
