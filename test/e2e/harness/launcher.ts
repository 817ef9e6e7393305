// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It takes the command line runTests gives VS Code (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, a folder to open; other flags are ignored), starts code-server,
// and opens the workbench in headless Chromium with the development extension and the tests as the
// `payload` URL parameter — the mechanism VS Code's own browser test runner uses. code-server honours
// the payload only with `enable-smoke-test-driver`. When the tests end, the extension host exits and
// the workbench calls window.codeAutomationExit(code); this process exits with that code, as VS Code
// would. Started through test/e2e/bin/code-server-as-vscode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { stopGroupsOnSignals, tail } from './processes';
import { toolsFromEnv } from './tools';

interface LaunchArgs {
  developmentPaths: string[];
  testsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
}

export function parseVSCodeArgs(argv: string[]): LaunchArgs {
  const out: LaunchArgs = { developmentPaths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--extensionDevelopmentPath') out.developmentPaths.push(path.resolve(value()!));
    else if (flag === '--extensionTestsPath') out.testsPath = path.resolve(value()!);
    else if (flag === '--user-data-dir') out.userDataDir = path.resolve(value()!);
    else if (flag === '--extensions-dir') out.extensionsDir = path.resolve(value()!);
    else if (!a.startsWith('-')) out.folder = path.resolve(a);
  }
  return out;
}

/** Extension-host output that is noise in a test log (the gallery is pointed at a dead port on purpose). */
const NOISE = /ECONNREFUSED 127\.0\.0\.1:9|^Canceled|Creating a socket|connection token|AgentHost|AccountPolicyGate|Service Worker|builtin extensions cache|grace time/;

async function main(): Promise<number> {
  stopGroupsOnSignals();
  const args = parseVSCodeArgs(process.argv.slice(2));
  if (args.developmentPaths.length === 0 || !args.testsPath) {
    console.error('code-server-as-vscode: needs --extensionDevelopmentPath= and --extensionTestsPath=');
    return 2;
  }
  const tools = toolsFromEnv();
  if (typeof tools === 'string') {
    console.error(`code-server-as-vscode: ${tools}`);
    return 2;
  }
  const base = args.userDataDir ? path.dirname(args.userDataDir) : fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'ksl-cs-'));
  const userDataDir = args.userDataDir ?? path.join(base, 'user-data');
  const extensionsDir = args.extensionsDir ?? path.join(base, 'extensions');
  const logFile = path.join(base, 'code-server.log');
  const timeoutMs = Number(process.env.KSL_E2E_TEST_TIMEOUT_MS ?? 300_000);
  const t0 = Date.now();
  const say = (m: string) => console.log(`[code-server-as-vscode ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

  const server = await startCodeServer(tools, { userDataDir, extensionsDir, logFile, args: ['--vscode-option', 'enable-smoke-test-driver'] });
  say(`code-server up at ${server.origin} (log: ${logFile})`);
  const browser = await launchBrowser(tools.chromium, path.join(base, 'chromium-profile')).catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  let exitCode = 1;
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const finished = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      void page.exposeFunction('codeAutomationLog', (_type: string, logArgs: unknown[]) => {
        const msg = util.format(...logArgs);
        if (process.env.VERBOSE || !NOISE.test(msg)) console.log(msg);
      });
    });
    const authority = `127.0.0.1:${server.port}`;
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    const payload = [...args.developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(args.testsPath)]];
    const where = args.folder ? `folder=${encodeURIComponent(args.folder)}` : 'ew=true';
    await page.goto(`${server.origin}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });
    say('workbench opened; tests run in the extension host');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        say(`TIMEOUT: no result from the extension host after ${timeoutMs / 1000} s`);
        resolve(1);
      }, timeoutMs);
    });
    exitCode = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (exitCode !== 0) {
      await page.screenshot({ path: path.join(base, 'failure.png') }).catch(() => undefined);
      say(`screenshot of the workbench: ${path.join(base, 'failure.png')}; code-server log tail:\n${tail(logFile, 15)}`);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  say(`extension tests finished, exit code ${exitCode}`);
  return exitCode;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`code-server-as-vscode: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
