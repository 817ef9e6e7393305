// A quick fix, applied the way the lightbulb applies it, removes the diagnostic it was offered for.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension } from './features';
import { closeAllEditors, hasRule, lacksRule, openFile, ruleOf, waitForDiagnostics } from './util';

describe('quick fixes', () => {
  afterEach(closeAllEditors); // reverts the edited file

  it('“NodePort” for `type: Nodeport`: the code action edits the value and the service-type error goes away', async function () {
    const api = await activateExtension();
    assert.ok(api.serverCapabilities?.codeActionProvider, 'the language server announces codeActionProvider');
    const doc = await openFile('quickfix.yaml');
    const ds = await waitForDiagnostics(doc.uri, hasRule('service-type'), 'service-type on quickfix.yaml');
    const diagnostic = ds.find((d) => ruleOf(d) === 'service-type')!;

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
      10, // resolve lazily computed edits
    );
    const titles = (actions ?? []).map((a) => a.title);
    const fix = (actions ?? []).find((a): a is vscode.CodeAction => 'kind' in a && /NodePort/.test(a.title));
    assert.ok(fix, `no quick fix mentioning NodePort among ${JSON.stringify(titles)}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);

    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the workspace edit was refused');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(fix.edit || fix.command, 'the quick fix has neither an edit nor a command');

    const line = doc.getText().split('\n').find((l) => /^\s*type:/.test(l));
    assert.equal(line?.trim(), 'type: NodePort');
    await waitForDiagnostics(doc.uri, lacksRule('service-type'), 'service-type gone after the fix');
  });
});
