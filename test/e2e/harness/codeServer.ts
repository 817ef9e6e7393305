// code-server: VS Code's workbench served over HTTP with a real Node extension host. Bound to
// 127.0.0.1 only, no auth, its own user-data and extensions folders, no telemetry or update checks.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, Group, spawnGroup, tail } from './processes';
import { isolatedEnv, Tools, writeUserSettings } from './tools';

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Extra command-line arguments, e.g. `--vscode-option enable-smoke-test-driver`. */
  args?: string[];
  startTimeoutMs?: number;
}

function baseArgs(tools: Tools, o: { userDataDir: string; extensionsDir: string }): string[] {
  // --config: code-server would otherwise write a default config.yaml under the user's config folder.
  const config = path.join(o.userDataDir, 'code-server.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, 'auth: none\n');
  return [tools.codeServer, '--config', config, '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir];
}

function env(tools: Tools): NodeJS.ProcessEnv {
  // code-server and the processes it forks must run on Node 24.
  return isolatedEnv({ PATH: `${path.dirname(tools.node24)}${path.delimiter}${process.env.PATH ?? ''}` });
}

export async function startCodeServer(tools: Tools, o: CodeServerOptions): Promise<CodeServer> {
  fs.mkdirSync(o.extensionsDir, { recursive: true });
  writeUserSettings(o.userDataDir);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    ...baseArgs(tools, o),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--disable-file-downloads',
    '--reconnection-grace-time', '10',
    '--ignore-last-opened',
    ...(o.args ?? []),
  ];
  const group: Group = spawnGroup(tools.node24, args, o.logFile, { env: env(tools) });
  const deadline = Date.now() + (o.startTimeoutMs ?? 60_000);
  let exited: number | null = null;
  group.child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited with ${exited} before it listened:\n${tail(o.logFile)}`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await group.stop();
      throw new Error(`code-server did not answer on ${origin} within ${o.startTimeoutMs ?? 60_000} ms:\n${tail(o.logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { port, origin, logFile: o.logFile, stop: () => group.stop() };
}

/** `code-server --install-extension FILE.vsix` into the given extensions folder; returns its output. */
export function installExtension(tools: Tools, o: { userDataDir: string; extensionsDir: string }, vsix: string): string {
  fs.mkdirSync(o.extensionsDir, { recursive: true });
  writeUserSettings(o.userDataDir);
  const res = spawnSync(tools.node24, [...baseArgs(tools, o), '--force', '--install-extension', vsix], {
    env: env(tools),
    encoding: 'utf8',
    timeout: 180_000,
    killSignal: 'SIGKILL',
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
  if (res.status !== 0) throw new Error(`--install-extension ${vsix} failed (${res.error?.message ?? `exit ${res.status}`}):\n${output}`);
  return output;
}
