// The extension under test, activated as opening a YAML file would activate it.
import * as vscode from 'vscode';
import type { KubeServiceLensApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'kube-service-lens.kube-service-lens';

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
