// Harness B: the extension-host suite (test/e2e/suite) through the standard @vscode/test-electron
// runTests. With VSCODE_EXECUTABLE set it runs in that desktop VS Code; otherwise in code-server and
// headless Chromium through the launcher shim (test/e2e/bin/code-server-as-vscode). Same suite,
// same arguments either way. The workspace is a fresh copy of examples/ plus test/e2e/workspace/,
// because the tests change settings and create and delete files in it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { freshDir, writeUserSettings } from './harness/tools';
import { repoPath, repoRoot } from '../support/repo';

export function prepareWorkspace(dir: string): void {
  for (const src of [repoPath('examples'), repoPath('test', 'e2e', 'workspace')]) {
    // Recursive: examples/ holds folders too (examples/shop, a workspace split over files).
    fs.cpSync(src, dir, { recursive: true });
  }
}

export async function runExtensionTests(options: { stdout?: NodeJS.WritableStream } = {}): Promise<number> {
  const run = freshDir('extension-tests');
  const workspace = path.join(run, 'workspace');
  fs.mkdirSync(workspace);
  prepareWorkspace(workspace);
  const userDataDir = path.join(run, 'user-data');
  writeUserSettings(userDataDir);
  const desktop = process.env.VSCODE_EXECUTABLE;
  const executable = desktop ?? repoPath('test', 'e2e', 'bin', 'code-server-as-vscode');
  console.log(`extension-host tests in ${desktop ? `VS Code at ${desktop}` : 'code-server + headless Chromium'}; workspace ${workspace}`);
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(run, 'extensions')}`],
      ...(options.stdout ? { stdout: options.stdout } : {}),
    });
  } catch (error) {
    console.error(`extension-host tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void runExtensionTests().then((code) => process.exit(code));
}
