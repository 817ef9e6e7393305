// A real JSON-RPC client for the built server (`node server/out/server.js --stdio`), so LSP tests
// exercise the same process, transport and bundle that editors use.
import { ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  ServerCapabilities,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repoPath } from './repo';

export interface ClientOptions {
  /** Extra arguments for node before the server script (e.g. --max-old-space-size). */
  nodeArgs?: string[];
  /** Workspace folder (a path) to index; none by default. */
  workspace?: string;
  /** Answer to workspace/configuration for the kubeServiceLens section. */
  settings?: Record<string, unknown>;
  /** Whether the client advertises dynamic registration of file watchers. */
  watchers?: boolean;
  /** Whether the client advertises workspace/codeLens/refresh. */
  codeLensRefresh?: boolean;
  /** Whether the client accepts versioned `documentChanges` in workspace edits. */
  documentChanges?: boolean;
  /** Whether the client takes LocationLinks from go to definition. */
  definitionLinks?: boolean;
}

/** One `$/progress` notification as received. */
export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
  at: number;
}

export type PublishListener = (params: PublishDiagnosticsParams, at: number) => void;

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** How many publications each URI received. */
  readonly publishCounts = new Map<string, number>();
  /** Every `$/progress` notification, in order, with `performance.now()` at receipt. */
  readonly progress: ProgressEvent[] = [];
  private readonly publishListeners = new Set<PublishListener>();
  /** `performance.now()` when `initialize` was sent (benchmarks measure from there). */
  initializeSentAt = 0;
  /** Every publishDiagnostics received, in order. */
  readonly published: Array<{ uri: string; version: number | undefined; count: number }> = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** How many workspace/codeLens/refresh requests the server sent. */
  codeLensRefreshes = 0;
  /** What the server answered to initialize. */
  capabilities: ServerCapabilities = {};
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown>;

  private constructor(
    readonly process: ChildProcess,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const at = performance.now();
      this.diagnostics.set(p.uri, p);
      this.published.push({ uri: p.uri, version: p.version, count: p.diagnostics.length });
      this.publishCounts.set(p.uri, (this.publishCounts.get(p.uri) ?? 0) + 1);
      for (const l of this.publishListeners) l(p, at);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'kubeServiceLens' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      this.notify();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (p: Omit<ProgressEvent, 'at'>) => {
      this.progress.push({ ...p, at: performance.now() });
      this.notify();
    });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => void this.logs.push(`showMessage: ${p.message}`));
    process.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), repoPath('server', 'out', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(proc, options);
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: options.workspace ? pathToFileURL(options.workspace).href : null,
      workspaceFolders: options.workspace ? [{ uri: pathToFileURL(options.workspace).href, name: 'ws' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: options.watchers ?? true },
          ...(options.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}),
          workspaceEdit: { documentChanges: options.documentChanges ?? false },
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          definition: { linkSupport: options.definitionLinks ?? false },
        },
      },
    };
    client.initializeSentAt = performance.now();
    const result = (await client.connection.sendRequest('initialize', params)) as InitializeResult;
    client.capabilities = result.capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Calls `listener` for every publication from now on (with `performance.now()` at receipt); returns an unsubscribe. */
  onPublish(listener: PublishListener): () => void {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  }

  /** Publications `uri` has received so far. */
  publishCount(uri: string): number {
    return this.publishCounts.get(uri) ?? 0;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `predicate` holds, re-checked after every notification; rejects after `ms`. */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = predicate();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; logs:\n${this.logs.join('\n')}\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for diagnostics of `uri` that satisfy `predicate` (and, for open files, the current version). */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    return this.waitFor(
      `diagnostics of ${uri}`,
      () => {
        const p = this.diagnostics.get(uri);
        if (!p) return undefined;
        const v = this.versions.get(uri);
        if (v !== undefined && p.version !== undefined && p.version !== v) return undefined;
        return predicate(p.diagnostics) ? p.diagnostics : undefined;
      },
      ms,
    );
  }

  /** The version last sent for an open document. */
  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Replaces the whole text (a full-document change event). */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
