// Refactorings offered at the cursor: "Expose as Service" on a workload (refactor.extract) and
// "Use named port" on a numeric targetPort (refactor.rewrite). The edits come from the engine.
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver';
import { exposableAt, exposeAsService } from '../../engine/refactor/exposeService';
import { namedPortFiles, numericTargetPortAt, useNamedPort } from '../../engine/refactor/namedPort';
import { rangeContains } from '../../engine/types';
import { toWorkspaceEdit } from '../edits';
import type { Session } from '../session';

/** `explicit`: the user asked for refactorings (the Refactor menu), rather than the light bulb asking for everything. */
export async function refactorActions(session: Session, key: string, range: Range, explicit: boolean): Promise<CodeAction[]> {
  const out: CodeAction[] = [];
  const pos = range.start;
  const index = session.linter.index;

  const model = session.documentModel(session.clientUri(key));
  const workload = model ? exposableAt(model.objects, pos, explicit) : undefined;
  if (model && workload) {
    const fix = exposeAsService(workload, model.parsed, index);
    if (fix) out.push({ title: fix.title, kind: CodeActionKind.RefactorExtract, edit: toWorkspaceEdit(session, fix.edits.map((e) => ({ ...e, file: e.file ?? key }))) });
  }

  const service = index.resources(key).find((r) => r.service && rangeContains(r.range, pos));
  const port = service ? numericTargetPortAt(service, pos) : undefined;
  if (service && port) {
    const texts = new Map<string, string>();
    for (const file of namedPortFiles(index, service, port)) {
      const text = await session.fileText(file);
      if (text !== undefined) texts.set(file, text);
    }
    const fix = useNamedPort(index, service, port, texts);
    if (fix) out.push({ title: fix.title, kind: CodeActionKind.RefactorRewrite, edit: toWorkspaceEdit(session, fix.edits.map((e) => ({ ...e, file: e.file ?? key }))) });
  }
  return out;
}
