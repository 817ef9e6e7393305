// The server side of the fuzzer: the built server over stdio gets mutated documents opened,
// changed (one edit or a quick burst) and closed. Each final version must get its diagnostics,
// every request the server advertises must answer, all within the time limit, and the server
// must neither exit nor log a failure (rule errors, guarded handler errors, uncaught exceptions).
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../../test/support/lspClient';
import type { FuzzCase } from './cases';
import { CASE_LIMIT_MS } from './engine';
import { Rng } from './rng';

/** Requests a server may advertise, with the params the fuzzer sends at a random position. */
const REQUESTS: Array<[capability: string, method: string, params: (uri: string, line: number, character: number, diagnostics: Diagnostic[]) => unknown]> = [
  ['hoverProvider', 'textDocument/hover', (uri, line, character) => ({ textDocument: { uri }, position: { line, character } })],
  ['completionProvider', 'textDocument/completion', (uri, line, character) => ({ textDocument: { uri }, position: { line, character } })],
  ['definitionProvider', 'textDocument/definition', (uri, line, character) => ({ textDocument: { uri }, position: { line, character } })],
  ['referencesProvider', 'textDocument/references', (uri, line, character) => ({ textDocument: { uri }, position: { line, character }, context: { includeDeclaration: true } })],
  ['documentHighlightProvider', 'textDocument/documentHighlight', (uri, line, character) => ({ textDocument: { uri }, position: { line, character } })],
  ['codeActionProvider', 'textDocument/codeAction', (uri, line, character, diagnostics) => ({ textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character } }, context: { diagnostics } })],
  ['documentSymbolProvider', 'textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['codeLensProvider', 'textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
  ['documentLinkProvider', 'textDocument/documentLink', (uri) => ({ textDocument: { uri } })],
  ['foldingRangeProvider', 'textDocument/foldingRange', (uri) => ({ textDocument: { uri } })],
  ['inlayHintProvider', 'textDocument/inlayHint', (uri, line) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: line + 1, character: 0 } } })],
];

const FAILURE_LOG = /failed|uncaught|unhandled/i;

export interface ServerOutcome {
  index: number;
  ms: number;
  failure?: string;
}

export class ServerFuzzer {
  private readonly open: string[] = [];
  private logsSeen = 0;
  private next = 0;
  private exited = false;

  private constructor(
    private readonly client: TestClient,
    private readonly seed: number,
  ) {
    client.process.on('exit', () => {
      this.exited = true;
    });
  }

  static async start(seed: number): Promise<ServerFuzzer> {
    return new ServerFuzzer(await TestClient.start(), seed);
  }

  /** The methods that this server advertises and the fuzzer sends. */
  requests(): string[] {
    const caps = this.client.capabilities as Record<string, unknown>;
    return REQUESTS.filter(([cap]) => caps[cap]).map(([, method]) => method);
  }

  async run(c: FuzzCase): Promise<ServerOutcome> {
    const rng = Rng.forCase(this.seed, c.index, 2);
    const started = Date.now();
    const texts = c.files.map((f) => f.text);
    try {
      const action = this.open.length === 0 ? 0 : rng.int(10);
      let uri: string;
      if (action < 5 || this.open.length === 0) {
        uri = `file:///fuzz/case-${c.index}-${this.next++}.yaml`;
        this.client.open(uri, texts[0] as string);
        this.open.push(uri);
      } else {
        uri = rng.pick(this.open);
        const burst = action === 9 ? texts.length : 1;
        for (let i = 0; i < burst; i++) this.client.change(uri, texts[i % texts.length] as string);
      }
      const diagnostics = await this.client.waitForDiagnostics(uri, () => true, CASE_LIMIT_MS);
      const finalText = action === 9 ? (texts[(texts.length - 1) % texts.length] as string) : (texts[0] as string);
      const lines = finalText.split('\n');
      for (const method of this.requests()) {
        const line = rng.int(lines.length + 1);
        const character = rng.int((lines[line]?.length ?? 0) + 2);
        const request = REQUESTS.find(([, m]) => m === method)!;
        await withTimeout(this.client.request(method, request[2](uri, line, character, diagnostics)), CASE_LIMIT_MS, method);
      }
      // Keep a handful of documents open; closing one is part of the test too.
      while (this.open.length > 8 || (this.open.length > 1 && rng.chance(0.1))) this.client.close(this.open.splice(rng.int(this.open.length), 1)[0] as string);
    } catch (error) {
      return { index: c.index, ms: Date.now() - started, failure: this.describe(error) };
    }
    const ms = Date.now() - started;
    const problems: string[] = [];
    if (this.exited) problems.push(`the server exited (code ${this.client.process.exitCode})`);
    const logs = this.client.logs.slice(this.logsSeen);
    this.logsSeen = this.client.logs.length;
    problems.push(...logs.filter((l) => FAILURE_LOG.test(l)).map((l) => `server log: ${l.slice(0, 2000)}`));
    if (ms > CASE_LIMIT_MS) problems.push(`took ${ms} ms (limit ${CASE_LIMIT_MS} ms)`);
    return problems.length > 0 ? { index: c.index, ms, failure: problems.join('\n') } : { index: c.index, ms };
  }

  private describe(error: unknown): string {
    const base = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const exit = this.exited ? `; the server exited (code ${this.client.process.exitCode})` : '';
    const stderr = this.client.stderr.join('').slice(-2000);
    return `${base}${exit}${stderr ? `\nserver stderr: ${stderr}` : ''}`;
  }

  async stop(): Promise<void> {
    await this.client.stop();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}
