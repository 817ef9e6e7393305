// The language server's state: open documents, the engine, the background index, and the
// schedule that turns edits into published diagnostics. Validation is debounced briefly and runs
// off the request path in slices of at most SLICE_MS (parsing included: the engine's step
// generators pause every few hundred lexemes), so requests are answered between slices. A newer
// edit interrupts the batch in flight: the new text is validated first, the interrupted work
// resumes afterwards, and work for a text that changed again is dropped. Results are only
// published for the document version they were computed from.
import * as path from 'node:path';
import {
  ClientCapabilities,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  FileEvent,
  InitializeParams,
  PublishDiagnosticsParams,
  TextDocuments,
  WatchKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter, PreparedFile } from '../engine/linter';
import { drain, ParsedFile } from '../engine/parse';
import type { ObjectNode } from '../engine/resources';
import { normalizeSettings, Settings, SettingsProblem } from '../engine/settings';
import type { Finding } from '../engine/types';
import { ruleDocHref } from '../report/ruleDocs';
import { CONFIG_FILE, loadConfigFile } from '../workspace/config';
import { readManifest, readManifests } from '../workspace/files';
import { compileGlob, matchesAny } from '../workspace/glob';
import { ALWAYS_EXCLUDED, isManifestName, scanFolder } from '../workspace/scan';
import { SOURCE, toDiagnostic } from './diagnostics';
import { normalizeUri, pathToUri, uriToPath } from './uri';

export const DEBOUNCE_MS = 15;
/**
 * More diagnostics than this for one file are not sent: 10,000 of them are a 4 MB message that
 * both the server and the editor must serialise in one go, and nobody reads past the first.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;
/** How long one slice of work may hold the event loop before yielding to requests. */
const SLICE_MS = 12;
/**
 * Features ask for the syntax tree of an open document synchronously (`documentModel`). Texts up
 * to this size are parsed on the spot (tens of milliseconds); a larger one is parsed by the
 * sliced validation only, and until that is done the model is missing rather than the server
 * frozen for the whole parse.
 */
export const SYNC_PARSE_MAX_CHARS = 128 * 1024;

export type DiagnosticsScope = 'workspace' | 'openFiles';

/** The syntax tree of an open document's current text, for features that need more than views. */
export interface DocumentModel {
  /** The engine's key for the file (normalised URI). */
  key: string;
  document: TextDocument;
  /** The version of `document` the model was parsed from (TextDocuments updates documents in place). */
  version: number;
  parsed: ParsedFile;
  objects: ObjectNode[];
}

export interface SessionOptions {
  debounceMs?: number;
}

// A timer, not setImmediate: the JSON-RPC layer handles incoming messages in setImmediate callbacks,
// and an immediate queued before them would run the next slice first, so a request waited two slices.
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  linter: Linter;
  roots: string[] = [];
  indexed = false;
  scope: DiagnosticsScope = 'workspace';

  private readonly textDirty = new Set<string>();
  private readonly publishDirty = new Set<string>();
  /** What was last sent per file, to send nothing when a re-check changes nothing. */
  private readonly published = new Map<string, Diagnostic[]>();
  /** Open documents analysed since the last publication (their own lenses need no refresh request). */
  private readonly edited = new Set<string>();
  /** Open documents whose new version must be published even if its diagnostics are unchanged. */
  private readonly forcePublish = new Set<string>();
  /** Client spelling of open documents' URIs, by normalised URI. */
  private readonly openUris = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private flushing: Promise<void> = Promise.resolve();
  private supportsConfiguration = false;
  private supportsWatcherRegistration = false;
  private supportsProgress = false;
  private clientSettings: unknown = {};
  private readonly debounceMs: number;
  private indexRun = 0;
  private readonly models = new Map<string, DocumentModel>();
  /** Validations interrupted by a newer edit, resumed by the next flush unless their text changed. */
  private readonly pending = new Map<string, { version: number; steps: Generator<void, PreparedFile, void> }>();
  /** Resolves when the current background index is complete (tests and benchmarks wait on it). */
  indexDone: Promise<void> = Promise.resolve();
  /** What the client said it supports (features adapt their answers and optional requests to it). */
  clientCapabilities: ClientCapabilities = {};
  private readonly indexListeners: Array<() => void> = [];

  constructor(
    readonly connection: Connection,
    options: SessionOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.linter = new Linter(normalizeSettings({}), {
      onRuleError: (rule, file, error) => this.log(`rule ${rule} failed on ${file}: ${String(error)}`),
    });
  }

  /** Called after the index changed and its consequences were published (code lenses refresh on it). */
  onIndexChanged(listener: () => void): void {
    this.indexListeners.push(listener);
  }

  private indexChanged(): void {
    for (const l of this.indexListeners) {
      try {
        l();
      } catch (error) {
        this.log(`index listener failed: ${String(error)}`);
      }
    }
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  initialize(params: InitializeParams): void {
    const caps = params.capabilities;
    this.clientCapabilities = caps;
    this.supportsConfiguration = !!caps.workspace?.configuration;
    this.supportsWatcherRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.supportsProgress = !!caps.window?.workDoneProgress;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) this.clientSettings = init.settings;
  }

  async initialized(): Promise<void> {
    if (this.supportsWatcherRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml,YAML,YML}', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
          { globPattern: `**/${CONFIG_FILE}`, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
        ],
      });
    }
    await this.reloadSettings();
  }

  // ---- settings -----------------------------------------------------------------------------

  /** Settings from the client (pulled when it can answer workspace/configuration) and the config file. */
  async reloadSettings(pushed?: unknown): Promise<void> {
    if (pushed !== undefined) this.clientSettings = pushed;
    let fromClient: unknown = this.clientSettings;
    if (this.supportsConfiguration) {
      try {
        fromClient = (await this.connection.workspace.getConfiguration('kubeServiceLens')) ?? this.clientSettings;
      } catch (error) {
        this.log(`workspace/configuration failed: ${String(error)}`);
      }
    }
    const merged: Record<string, unknown> = { ...(fromClient && typeof fromClient === 'object' ? (fromClient as object) : {}) };
    for (const root of this.roots) {
      const loaded = await loadConfigFile(path.join(root, CONFIG_FILE));
      if (loaded.error && !/ENOENT/.test(loaded.error)) this.connection.window.showWarningMessage(`Kubernetes Service Lens: ${loaded.error}`);
      // The repository's file wins over editor settings: it is the team's shared choice.
      for (const [k, v] of Object.entries(loaded.raw)) {
        merged[k] = k === 'rules' ? { ...((merged.rules as object) ?? {}), ...(v as object) } : v;
      }
    }
    const problems: SettingsProblem[] = [];
    const settings = normalizeSettings(merged, problems);
    for (const p of problems) this.connection.window.showWarningMessage(`Kubernetes Service Lens: ${p.message}`);
    const scope = merged.diagnostics === 'openFiles' ? 'openFiles' : 'workspace';
    if (scope === 'openFiles' && this.scope === 'workspace') {
      // Files that are not open lose their diagnostics in this mode.
      for (const key of [...this.published.keys()]) if (!this.openUris.has(key)) this.clear(key);
    }
    this.scope = scope;
    this.applySettings(settings);
  }

  private applySettings(settings: Settings): void {
    const reanalyse = this.linter.setSettings(settings);
    if (reanalyse || this.indexRun === 0) {
      this.pending.clear(); // computed with the old settings
      this.reindex();
      return;
    }
    // Severities, CIDRs, the default namespace, the cluster domain: the findings are computed
    // from the index when published, so every file is re-published and none is read again.
    for (const key of this.linter.files()) this.publishDirty.add(key);
    for (const key of this.openUris.keys()) this.forcePublish.add(key);
    this.schedule();
  }

  // ---- documents ------------------------------------------------------------------------------

  /**
   * The parsed current text of an open document, cached per version and shared with validation.
   * Undefined for a large text whose validation has not finished yet (see SYNC_PARSE_MAX_CHARS).
   */
  documentModel(uri: string): DocumentModel | undefined {
    const key = normalizeUri(uri);
    const document = this.documents.get(this.openUris.get(key) ?? uri);
    if (!document) return undefined;
    const cached = this.models.get(key);
    if (cached && cached.document === document && cached.version === document.version) return cached;
    if (document.getText().length > SYNC_PARSE_MAX_CHARS) return undefined;
    // Analysed and committed, not only parsed: the index then agrees with the model, and the
    // debounced validation of this version has nothing left to do.
    return this.analyseNow(key, document);
  }

  /** The client's spelling of a file's URI: open documents keep theirs, other files their key. */
  clientUri(key: string): string {
    return this.openUris.get(normalizeUri(key)) ?? key;
  }

  /** The version of an open document, or null for a file that is only on disk. */
  openVersion(key: string): number | null {
    const uri = this.openUris.get(normalizeUri(key));
    const doc = uri ? this.documents.get(uri) : undefined;
    return doc ? doc.version : null;
  }

  /**
   * Feeds an open document's pending edit to the engine now, so a request (code action,
   * completion, navigation) sees the text it was asked about rather than the last debounced one.
   * Returns the engine's key for the file.
   */
  syncDocument(uri: string): string {
    const key = normalizeUri(uri);
    const doc = this.textDirty.has(key) ? this.documents.get(this.openUris.get(key) ?? uri) : undefined;
    // A large document is left to the sliced validation: analysing it here would block every
    // other request for seconds, so the request answers from the last validated version instead.
    if (doc && doc.getText().length <= SYNC_PARSE_MAX_CHARS) this.analyseNow(key, doc);
    return key;
  }

  /** Analyses an open document's current text at once (a small one: see SYNC_PARSE_MAX_CHARS), commits it and keeps its model; publishing follows. */
  private analyseNow(key: string, doc: TextDocument): DocumentModel {
    this.textDirty.delete(key);
    this.pending.delete(key);
    const model = this.adopt(key, doc, doc.version, drain(this.linter.prepareSteps(key, doc.getText())));
    this.schedule();
    return model;
  }

  /** Makes an open document's analysis current: committed, published next (even if unchanged), its model kept. */
  private adopt(key: string, document: TextDocument, version: number, prepared: PreparedFile): DocumentModel {
    this.commit(prepared);
    this.forcePublish.add(key);
    this.edited.add(key);
    const model: DocumentModel = { key, document, version, parsed: prepared.parsed, objects: prepared.objects };
    this.models.set(key, model);
    return model;
  }

  /** The findings of a file as published (after suppressions and settings), up to date with its text. */
  currentFindings(uri: string): Finding[] {
    const key = this.syncDocument(uri);
    return this.linter.findings(key, { workspaceRules: this.indexed });
  }

  /** A file's text: the editor's for an open document, else the one on disk. */
  async fileText(key: string): Promise<string | undefined> {
    const doc = this.documents.get(this.openUris.get(normalizeUri(key)) ?? key);
    if (doc) return doc.getText();
    const file = uriToPath(key);
    if (!file) return undefined;
    return (await readManifest(file, this.linter.settings.limits.maxFileBytes)).text;
  }

  /** True while the workspace index is still being built (cross-file answers may be incomplete). */
  get indexing(): boolean {
    return !this.indexed;
  }

  opened(uri: string): void {
    this.openUris.set(normalizeUri(uri), uri);
    this.changed(uri);
  }

  changed(uri: string): void {
    this.textDirty.add(normalizeUri(uri));
    this.schedule();
  }

  async closed(uri: string): Promise<void> {
    const key = normalizeUri(uri);
    this.openUris.delete(key);
    this.textDirty.delete(key);
    this.models.delete(key);
    this.pending.delete(key);
    this.forcePublish.delete(key);
    // Unsaved edits are gone: the file on disk is the truth again, if it is part of the workspace.
    const file = uriToPath(key);
    const onDisk = file && this.inWorkspace(file) ? await readManifest(file, this.linter.settings.limits.maxFileBytes) : undefined;
    if (this.openUris.has(key)) return; // reopened while reading
    if (onDisk?.text !== undefined) await this.updateFromDisk(key, onDisk.text);
    else if (onDisk?.problem && !onDisk.missing) this.skipFile(key, onDisk.problem);
    else {
      this.removeFile(key);
      this.clear(uri);
    }
    if (this.scope === 'openFiles') this.clear(uri);
    this.schedule();
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    let settingsChanged = false;
    for (const change of changes) {
      const key = normalizeUri(change.uri);
      const file = uriToPath(key);
      if (!file) continue;
      if (path.basename(file) === CONFIG_FILE) {
        settingsChanged = true;
        continue;
      }
      if (!isManifestName(file) || this.openUris.has(key)) continue; // the editor owns open documents
      if (change.type === FileChangeType.Deleted) {
        this.removeFile(key);
        this.clear(key);
      } else if (this.inWorkspace(file)) {
        const read = await readManifest(file, this.linter.settings.limits.maxFileBytes);
        if (this.openUris.has(key)) continue; // opened while reading
        if (read.text !== undefined) await this.updateFromDisk(key, read.text);
        else if (read.problem && !read.missing) this.skipFile(key, read.problem);
      }
    }
    if (settingsChanged) await this.reloadSettings();
    else this.schedule();
  }

  /** A file's text from disk, analysed in slices; dropped if the editor opens the file meanwhile (the editor owns open documents). */
  private async updateFromDisk(key: string, text: string): Promise<void> {
    const owned = () => this.openUris.has(key);
    const prepared = await this.runSteps(this.linter.prepareSteps(key, text), { sliceStart: Date.now() }, owned);
    if (prepared && !owned()) this.commit(prepared);
  }

  private commit(prepared: PreparedFile): void {
    for (const f of this.linter.commit(prepared)) this.publishDirty.add(f);
    this.publishDirty.add(prepared.file);
  }

  /** A workspace file that cannot be analysed: one information diagnostic says why. */
  private skipFile(key: string, problem: string): void {
    for (const f of this.linter.skip(key, problem)) this.publishDirty.add(f);
    this.publishDirty.add(key);
  }

  private removeFile(key: string): void {
    for (const f of this.linter.remove(key)) this.publishDirty.add(f);
    this.publishDirty.delete(key);
    this.published.delete(key);
  }

  private inWorkspace(file: string): boolean {
    const excludes = this.linter.settings.exclude.map(compileGlob);
    return this.roots.some((root) => {
      const rel = path.relative(root, file);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
      const parts = rel.split(path.sep);
      return !parts.some((p) => ALWAYS_EXCLUDED.has(p)) && !matchesAny(parts.join('/'), excludes);
    });
  }

  // ---- scheduling -----------------------------------------------------------------------------

  private schedule(): void {
    // A newer edit cancels the batch in flight; its remaining files stay dirty for the next one.
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush()).catch((e: unknown) => this.log(`validation failed: ${String(e)}`));
    }, this.debounceMs);
  }

  private async flush(): Promise<void> {
    const generation = this.generation;
    const clock = { sliceStart: Date.now() };
    // New edits first; then documents whose validation an edit elsewhere interrupted.
    const keys = [...this.textDirty].sort((a, b) => Number(this.pending.has(a)) - Number(this.pending.has(b)));
    for (const key of keys) {
      const doc = this.documents.get(this.openUris.get(key) ?? key);
      if (!doc) {
        this.textDirty.delete(key);
        this.pending.delete(key);
        continue;
      }
      let job = this.pending.get(key);
      if (!job || job.version !== doc.version) {
        job = { version: doc.version, steps: this.linter.prepareSteps(key, doc.getText()) };
        this.pending.set(key, job);
      }
      const prepared = await this.runSteps(job.steps, clock, () => generation !== this.generation);
      if (!prepared) return; // interrupted by a newer change: it is validated first, this resumes later
      this.pending.delete(key);
      // The last pause checked for changes and nothing can arrive without a pause: still current.
      this.textDirty.delete(key);
      // Each new version of an open document gets its diagnostics, even when they did not change.
      this.adopt(key, doc, job.version, prepared);
      await this.pause(clock); // committing a large file and publishing it are two slices, not one
    }
    // Open documents first: they are what the user is looking at.
    const order = [...this.publishDirty].sort((a, b) => Number(this.openUris.has(b)) - Number(this.openUris.has(a)));
    for (const key of order) {
      if (generation !== this.generation) return; // cancelled by a newer change
      this.publishDirty.delete(key);
      this.publish(key, this.forcePublish.delete(key));
      await this.pause(clock);
    }
    // Lenses of other files may show other counts; an edited document's own lenses are asked for
    // again by the editor anyway (a refresh per keystroke made it recompute every visible lens).
    const othersChanged = order.some((key) => !this.edited.has(key));
    this.edited.clear();
    if (othersChanged) this.indexChanged();
  }

  /**
   * Drives a step generator, yielding to the event loop whenever a slice is used up. Returns its
   * result, or undefined when `stop()` says so at a pause (the generator is kept by the caller).
   */
  private async runSteps<T>(steps: Generator<void, T, void>, clock: { sliceStart: number }, stop: () => boolean): Promise<T | undefined> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (Date.now() - clock.sliceStart > SLICE_MS) {
        await this.pause(clock);
        if (stop()) return undefined;
      }
    }
  }

  private async pause(clock: { sliceStart: number }): Promise<void> {
    if (Date.now() - clock.sliceStart <= SLICE_MS) return;
    await yieldToEventLoop();
    clock.sliceStart = Date.now();
  }

  private publish(key: string, force = false): void {
    const clientUri = this.openUris.get(key);
    if (!clientUri && this.scope === 'openFiles') return;
    if (!this.linter.has(key)) return;
    const doc = clientUri ? this.documents.get(clientUri) : undefined;
    const findings = this.linter.findings(key, { workspaceRules: this.indexed });
    const diagnostics: Diagnostic[] = findings.slice(0, MAX_DIAGNOSTICS_PER_FILE).map((f) => toDiagnostic(f, ruleDocHref));
    const omitted = findings[MAX_DIAGNOSTICS_PER_FILE];
    if (omitted) {
      diagnostics.push({
        range: omitted.range,
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: `${MAX_DIAGNOSTICS_PER_FILE.toLocaleString('en-US')} of ${findings.length.toLocaleString('en-US')} problems of this file are shown in the editor, up to here; the command line (kube-service-lens) lists them all.`,
      });
    }
    const uri = clientUri ?? key;
    if (!force && sameDiagnostics(this.published.get(key), diagnostics)) return;
    this.published.set(key, diagnostics);
    this.send(doc ? { uri, version: doc.version, diagnostics } : { uri, diagnostics });
  }

  /** A send fails only when the client is gone, which is nothing to report. */
  private send(params: PublishDiagnosticsParams): void {
    this.connection.sendDiagnostics(params).catch(() => undefined);
  }

  private clear(uri: string): void {
    this.published.delete(normalizeUri(uri));
    this.send({ uri, diagnostics: [] });
  }

  // ---- background index ---------------------------------------------------------------------

  /** (Re)indexes every manifest of the workspace in slices, with progress, then publishes all. */
  reindex(): void {
    const run = ++this.indexRun;
    this.indexed = false;
    for (const key of this.openUris.keys()) this.textDirty.add(key);
    this.schedule();
    this.indexDone = this.indexWorkspace(run).catch((e: unknown) => this.log(`indexing failed: ${String(e)}`));
  }

  private async indexWorkspace(run: number): Promise<void> {
    const started = Date.now();
    const files: string[] = [];
    for (const root of this.roots) {
      files.push(
        ...(await scanFolder(root, {
          exclude: this.linter.settings.exclude,
          onProblem: (p, problem) => this.log(`skipped ${p}: ${problem}`),
        })),
      );
    }
    if (run !== this.indexRun) return;
    const progress = this.supportsProgress && files.length > 0 ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Kubernetes Service Lens', 0, `Indexing ${files.length} manifests`, false);
    const known = new Set(files.map(pathToUri));
    for (const key of [...this.linter.files()]) if (!known.has(key) && !this.openUris.has(key)) this.removeFile(key);

    const clock = { sliceStart: Date.now() };
    const superseded = () => run !== this.indexRun;
    let done = 0;
    let lastReport = 0;
    // Reads run ahead of the analysis, as in the CLI; an open document's file is read but ignored (the editor owns it).
    for await (const read of readManifests(files, this.linter.settings.limits.maxFileBytes)) {
      if (superseded()) {
        progress?.done();
        return; // superseded by a newer reindex
      }
      const key = pathToUri(read.path);
      if (!this.openUris.has(key)) {
        if (read.text !== undefined) {
          // Sliced like validation: one large manifest must not hold up requests while indexing.
          const prepared = await this.runSteps(this.linter.prepareSteps(key, read.text), clock, superseded);
          // Every file is published once the index is complete: no dependents to work out per file.
          if (prepared && !superseded() && !this.openUris.has(key)) this.linter.commit(prepared, { dependents: false });
        } else if (read.problem && !read.missing) {
          this.linter.skip(key, read.problem, { dependents: false });
          this.log(`skipped ${read.path}: ${read.problem}`);
        }
      }
      done++;
      if (Date.now() - clock.sliceStart > SLICE_MS) {
        const pct = Math.floor((done / files.length) * 100);
        if (pct !== lastReport) progress?.report(pct, `${done}/${files.length} manifests`);
        lastReport = pct;
        await this.pause(clock);
      }
    }
    progress?.done();
    this.indexed = true;
    for (const key of this.linter.files()) this.publishDirty.add(key);
    this.log(`indexed ${files.length} manifests in ${Date.now() - started} ms`);
    this.schedule();
  }

  /** Sizes of the session's per-document state, so tests can show that closed documents leave nothing behind. */
  stats(): { open: number; models: number; published: number; pending: number; dirty: number; linterFiles: number; indexFiles: number } {
    return {
      open: this.openUris.size,
      models: this.models.size,
      published: this.published.size,
      pending: this.pending.size,
      dirty: this.textDirty.size + this.publishDirty.size + this.forcePublish.size,
      linterFiles: this.linter.fileCount(),
      indexFiles: [...this.linter.files()].length,
    };
  }

  /** Waits until indexing and every scheduled validation have finished (for tests). */
  async idle(): Promise<void> {
    await this.indexDone;
    while (this.timer || this.textDirty.size || this.publishDirty.size || this.pending.size) {
      await new Promise((r) => setTimeout(r, this.debounceMs));
      await this.flushing;
    }
  }
}

/** Element by element, stopping at the first difference (one JSON string of 10,000 diagnostics took a tenth of a second). */
function sameDiagnostics(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
