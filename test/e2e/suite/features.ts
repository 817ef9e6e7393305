// Which features the extension under test has. Tests of a feature that other branches are still
// building skip — with the reason printed — instead of passing without checking anything; they run
// by themselves once the feature is there:
//   - language features: from the capabilities the running server announced;
//   - rules: from docs/rules/*.md (every rule has one, a unit test enforces it), found by the id of
//     the Kubernetes fact the rule implements, so the test does not depend on the rule's name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from 'mocha';
import * as vscode from 'vscode';
import type { KubeServiceLensApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'kube-service-lens.kube-service-lens';

/** Test title → why it was skipped; printed at the end of the run. */
export const skipped = new Map<string, string>();

export function skipBecause(ctx: Context, reason: string): never {
  const title = ctx.test?.fullTitle() ?? ctx.currentTest?.fullTitle() ?? '(unknown test)';
  skipped.set(title, reason);
  console.log(`  skipping "${title}": ${reason}`);
  ctx.skip();
}

let api: KubeServiceLensApi | undefined;

/** Activates the extension (as opening a YAML file would) and waits until its server has started. */
export async function activateExtension(): Promise<KubeServiceLensApi> {
  if (api?.serverCapabilities) return api;
  const ext = vscode.extensions.getExtension<KubeServiceLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  api = await ext.activate();
  const deadline = Date.now() + 30_000;
  while (!api.serverCapabilities && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!api.serverCapabilities) throw new Error('the language server did not start within 30 s');
  return api;
}

export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.extensionPath;
}

/** Rule ids whose doc cites the Kubernetes fact (an id of k8s-service-validation.md, e.g. A-NP-1). */
export function rulesForFact(fact: string): string[] {
  const dir = path.join(extensionPath(), 'docs', 'rules');
  const cites = new RegExp(`\\b${fact.replace(/[-]/g, '\\-')}(?!\\d)`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && cites.test(fs.readFileSync(path.join(dir, f), 'utf8')))
    .map((f) => f.slice(0, -3));
}

export function ruleExists(id: string): boolean {
  return fs.existsSync(path.join(extensionPath(), 'docs', 'rules', `${id}.md`));
}
