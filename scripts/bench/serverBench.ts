// The language server under a generated workspace: the real bundle over stdio, driven by the test
// client. Measures initialize → diagnostics for every file, an open file's first diagnostics while
// the index is still being built, edit → publishDiagnostics latency for a pod label that a Service
// in another open file selects, and the server's peak memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from '../../server/src/engine/linter';
import { TestClient } from '../../test/support/lspClient';
import { procStatus, sleep } from './measure';
import { GeneratedApp, GeneratedWorkspace, splitApps, togglePodLabel } from './workspace';

export interface ServerRun {
  files: number;
  /** initialize sent → its result received (process start and module loading are before that). */
  initializeMs: number;
  /** didOpen of a Deployment file, sent right after `initialized` → its first diagnostics (the index is still being built). */
  openFileFirstMs: number;
  /** initialize sent → the indexing progress ended. */
  indexedMs: number;
  /**
   * initialize sent → the index is complete and every file with findings has had them published
   * (a clean file that was never open needs no message, and the server sends none).
   */
  allDiagnosticsMs: number;
  /** Files with findings (whose publication the measurement waits for). */
  filesWithFindings: number;
  progress: { begin: number; report: number; end: number };
  /** Edit of the Deployment → publication of the Service's (dependent, other file) diagnostics, ms. */
  dependentLatencies: number[];
  /** Edit of the Deployment → publication of its own diagnostics for the new version, ms. */
  editedLatencies: number[];
  /** Hover on a Service's name → the routing preview, ms: the first routing build for each Service. */
  hoverColdLatencies: number[];
  /** The same hover again (the preview is built anew: nothing is cached per Service). */
  hoverWarmLatencies: number[];
  peakRssMB?: number;
  rssMB?: number;
  cpuMs?: number;
}

export interface ServerBenchOptions {
  edits: number;
  /** Pause between edits, so that each edit is measured on its own (a typing pace). */
  gapMs: number;
  /** How many Service files to open and hover (one Service name each). */
  hovers: number;
  timeoutMs?: number;
  /** Folder for a CPU profile of the server (`node --cpu-prof`). */
  profileDir?: string;
}

export function fileUriIn(dir: string, rel: string): string {
  return pathToFileURL(path.join(dir, ...rel.split('/'))).href;
}

/** The app whose pod label the benchmark edits: Deployment and Service in different files, no defect. */
export function editTarget(ws: GeneratedWorkspace): GeneratedApp {
  const app = splitApps(ws)[0];
  if (!app) throw new Error('the generated workspace has no app split over files');
  return app;
}

/** The URIs of the files the engine finds something in: those the server must publish. */
export function filesWithFindings(dir: string, ws: GeneratedWorkspace): Set<string> {
  const linter = new Linter();
  for (const [rel, text] of ws.files) linter.update(rel, text);
  const out = new Set<string>();
  for (const rel of ws.files.keys()) if (linter.findings(rel).length > 0) out.add(fileUriIn(dir, rel));
  return out;
}

export async function benchServer(dir: string, ws: GeneratedWorkspace, options: ServerBenchOptions): Promise<ServerRun> {
  const timeout = options.timeoutMs ?? 15 * 60_000;
  const app = editTarget(ws);
  const deployUri = fileUriIn(dir, app.files.deployment);
  const serviceUri = fileUriIn(dir, app.files.service);
  const expected = filesWithFindings(dir, ws);

  const seen = new Set<string>();
  let allAt = 0;
  let openFirstAt = 0;
  const client = await TestClient.start({ workspace: dir, ...(options.profileDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', options.profileDir] } : {}) });
  const t0 = client.initializeSentAt;
  const initializedAt = performance.now();
  client.onPublish((p, at) => {
    if (p.uri === deployUri && !openFirstAt) openFirstAt = at;
    if (expected.has(p.uri) && !seen.has(p.uri)) {
      seen.add(p.uri);
      if (seen.size === expected.size) allAt = at;
    }
  });
  try {
    // An editor restores an open tab right away; its diagnostics must not wait for the whole index.
    let deployText = fs.readFileSync(path.join(dir, ...app.files.deployment.split('/')), 'utf8');
    const openSentAt = performance.now();
    client.open(deployUri, deployText);
    const ended = () => client.progress.find((e) => e.value.kind === 'end');
    await client.waitFor('every file published and indexing ended', () => allAt > 0 && ended() !== undefined, timeout);
    const indexedAt = (ended() as { at: number }).at;

    client.open(serviceUri, fs.readFileSync(path.join(dir, ...app.files.service.split('/')), 'utf8'));
    await client.waitForDiagnostics(serviceUri, () => true, timeout);
    await sleep(200);

    const dependentLatencies: number[] = [];
    const editedLatencies: number[] = [];
    for (let i = 0; i < options.edits; i++) {
      deployText = togglePodLabel(deployText, app, i % 2 === 1);
      const before = client.publishCount(serviceUri);
      let serviceAt = 0;
      let deployAt = 0;
      let version = -1;
      const stop = client.onPublish((p, at) => {
        if (p.uri === serviceUri && !serviceAt) serviceAt = at;
        if (p.uri === deployUri && p.version === version && !deployAt) deployAt = at;
      });
      const sent = performance.now();
      version = client.change(deployUri, deployText);
      await client.waitFor(`publication of ${serviceUri} after edit ${i + 1}`, () => client.publishCount(serviceUri) > before && deployAt > 0, 30_000);
      stop();
      dependentLatencies.push(serviceAt - sent);
      editedLatencies.push(deployAt - sent);
      await sleep(options.gapMs);
    }

    const { cold: hoverColdLatencies, warm: hoverWarmLatencies } = await hoverServices(client, dir, ws, options.hovers, timeout);

    const status = procStatus(client.process.pid as number);
    return {
      files: ws.files.size,
      filesWithFindings: expected.size,
      initializeMs: initializedAt - t0,
      openFileFirstMs: openFirstAt - openSentAt,
      indexedMs: indexedAt - t0,
      allDiagnosticsMs: allAt - t0,
      progress: {
        begin: client.progress.filter((e) => e.value.kind === 'begin').length,
        report: client.progress.filter((e) => e.value.kind === 'report').length,
        end: client.progress.filter((e) => e.value.kind === 'end').length,
      },
      dependentLatencies,
      editedLatencies,
      hoverColdLatencies,
      hoverWarmLatencies,
      ...status,
    };
  } finally {
    await client.stop();
  }
}

/** Where a Service's metadata.name value starts in a generated file. */
function serviceNameAt(text: string, name: string): { line: number; character: number } | undefined {
  const lines = text.split('\n');
  let inService = false;
  for (let line = 0; line < lines.length; line++) {
    const l = lines[line] as string;
    if (l === 'kind: Service') inService = true;
    else if (l.startsWith('kind: ')) inService = false;
    else if (inService && l === `  name: ${name}`) return { line, character: 8 };
  }
  return undefined;
}

/**
 * Opens the Service files of `count` apps spread over the workspace, waits until the server is
 * quiet, then hovers each Service's name twice, one request at a time. Neither hover parses: the
 * validation of the opened file keeps its model. Nor is a routing preview cached: "cold" is the
 * first routing build for that Service, "warm" the same build again.
 */
async function hoverServices(client: TestClient, dir: string, ws: GeneratedWorkspace, count: number, timeout: number): Promise<{ cold: number[]; warm: number[] }> {
  const step = Math.max(1, Math.floor(ws.apps.length / Math.max(1, count)));
  const targets: Array<{ uri: string; position: { line: number; character: number } }> = [];
  const opened = new Set<string>();
  for (let i = 0; i < ws.apps.length && targets.length < count; i += step) {
    const app = ws.apps[i] as GeneratedApp;
    const text = ws.files.get(app.files.service);
    const position = text === undefined ? undefined : serviceNameAt(text, app.name);
    if (text === undefined || !position) continue;
    const uri = fileUriIn(dir, app.files.service);
    if (!opened.has(uri)) {
      opened.add(uri);
      client.open(uri, text);
    }
    targets.push({ uri, position });
  }
  for (const uri of opened) await client.waitForDiagnostics(uri, () => true, timeout);
  await sleep(300);
  const round = async (): Promise<number[]> => {
    const out: number[] = [];
    for (const t of targets) {
      const started = performance.now();
      const hover = (await client.request('textDocument/hover', { textDocument: { uri: t.uri }, position: t.position })) as { contents?: unknown } | null;
      out.push(performance.now() - started);
      if (!hover?.contents) throw new Error(`no hover on the Service name at ${t.uri}:${t.position.line + 1}`);
    }
    return out;
  };
  const cold = await round();
  const warm = await round();
  for (const uri of opened) client.close(uri);
  return { cold, warm };
}
