// What the extension may do: it runs nothing from the workspace, makes no network calls, declares
// that it works in untrusted workspaces, and the CLI writes nothing but its output (the CLI test
// compares a folder before and after). Checked in the sources and in the shipped bundles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoPath } from '../support/repo';

function sources(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push({ file: path.relative(repoPath(), p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(repoPath(dir));
  return out;
}

const imported = (text: string) => [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!.replace(/^node:/, ''));

/** Node modules that start processes or open connections, or run code from strings. */
const FORBIDDEN = ['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'net', 'tls', 'vm', 'worker_threads'];

/** Node built-ins each bundle may load, and why (new ones must be justified here). */
const BUNDLE_BUILTINS: Record<string, string[]> = {
  // vscode-languageclient: it forks the bundled server (TransportKind.ipc) from the extension's own
  // folder (child_process), can talk to it over pipes or sockets (net), and uses os/fs/crypto/readline.
  'client/out/extension.js': ['child_process', 'crypto', 'fs', 'net', 'os', 'path', 'readline', 'util', 'vscode'],
  // vscode-languageserver/node: pipe and socket transports (net) that the client may pick, and a
  // helper to resolve global node modules (child_process) that this server never calls.
  'server/out/server.js': ['buffer', 'child_process', 'crypto', 'fs', 'net', 'os', 'path', 'process', 'url', 'util'],
  // The CLI: reads files and writes standard output.
  'server/out/cli.js': ['buffer', 'fs', 'path', 'process', 'url'],
};

describe('security', () => {
  it('declares that the extension works in untrusted workspaces, and contributes no executable setting', () => {
    const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    const settings = Object.keys(pkg.contributes.configuration.properties as object);
    assert.deepEqual(settings.filter((k) => /path|command|executable|server|url/i.test(k) && k !== 'kubeServiceLens.trace.server'), []);
  });

  it('our sources import no module that starts processes, opens connections or evaluates code', () => {
    for (const { file, text } of [...sources('client/src'), ...sources('server/src')]) {
      const bad = imported(text).filter((m) => FORBIDDEN.includes(m));
      assert.deepEqual(bad, [], `${file} imports ${bad.join(', ')}`);
      assert.doesNotMatch(text, /\beval\s*\(|new Function\s*\(|\bfetch\s*\(|XMLHttpRequest|WebSocket/, `${file} evaluates code or uses the network`);
    }
  });

  it('only the workspace layer touches the file system, and nothing writes to it', () => {
    for (const { file, text } of [...sources('client/src'), ...sources('server/src')]) {
      if (imported(text).includes('fs')) assert.match(file, /^server\/src\/workspace\//, `${file} reads files: that belongs in server/src/workspace`);
      assert.doesNotMatch(text, /\b(writeFile|appendFile|mkdir|rmdir|unlink|rename|copyFile|createWriteStream|truncate|chmod|symlink)(Sync)?\s*\(|\bfs\.rm\s*\(/, `${file} writes to the file system`);
    }
  });

  it('the client starts the server bundled in the extension, nothing from the workspace', () => {
    const client = fs.readFileSync(repoPath('client', 'src', 'extension.ts'), 'utf8');
    assert.match(client, /const serverModule = context\.asAbsolutePath\(path\.join\('server', 'out', 'server\.js'\)\);/);
    assert.doesNotMatch(client, /\bcommand\s*:/, 'no server started by command line');
    assert.doesNotMatch(client, /workspace\.(rootPath|workspaceFolders)|getConfiguration\(/, 'no path taken from the workspace or its settings');
  });

  for (const [bundle, allowed] of Object.entries(BUNDLE_BUILTINS)) {
    it(`${bundle} loads only the built-in modules it is known to need`, () => {
      const text = fs.readFileSync(repoPath(bundle), 'utf8');
      // ajv keeps `require("ajv/dist/runtime/…")` as text for its standalone code generation (unused
      // here; esbuild bundled the modules themselves), so those strings are not module loads.
      const loaded = [...new Set([...text.matchAll(/require\("(?:node:)?([a-z_/]+)"\)/g)].map((m) => m[1]!))].filter((m) => !m.startsWith('ajv/dist/runtime/')).sort();
      assert.deepEqual(loaded, allowed);
    });
  }
});
