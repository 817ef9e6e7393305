// Multi-document YAML with exact ranges. Syntax problems become findings at their position,
// and one broken document never hides the findings of the others.
import { Composer, CST, Document, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, Scalar, ScalarTag, Schema, visit, YAMLError } from 'yaml';
import { positionAt } from './edit/text';
import { aliasTable } from './yamlAliases';
import type { Finding, Position, Range } from './types';

export interface ParseLimits {
  /** Files larger than this are skipped with one information finding. */
  maxFileBytes: number;
  /** Documents past this count are not analysed (one information finding says so). */
  maxDocuments: number;
  /**
   * One document larger than this is not analysed (one information finding says so). Composing a
   * document is the one step that cannot pause, so this bounds how long the editor can be held;
   * the CLI sets it to Infinity.
   */
  maxDocumentBytes: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxFileBytes: 4 * 1024 * 1024,
  maxDocuments: 10_000,
  maxDocumentBytes: 256 * 1024,
};

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  /** True when yaml reported an error other than a duplicate key: its content is not trusted. */
  broken: boolean;
}

export interface ParsedFile {
  file: string;
  text: string;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  /** Findings of the parse itself: syntax errors, duplicate keys, skipped files. */
  findings: Finding[];
  /** Set when the file is not analysed at all (template, binary, too large). */
  skipped?: string;
}

export class Positions {
  constructor(private readonly lc: LineCounter) {}

  at(offset: number): Position {
    const p = this.lc.linePos(offset);
    return { line: p.line - 1, character: p.col - 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(Math.max(start, end)) };
  }
}

/**
 * A plain scalar that starts with none of these characters is a string under YAML 1.1: null (`~`,
 * `null`, empty), booleans (y/n/yes/no/true/false/on/off in their cases), numbers, timestamps and
 * `<<` all start with one of them. Resolving such a scalar first spares it the schema's dozen
 * regular expressions (most values in manifests are names and labels); the result is the same.
 */
const PLAIN_STRING: ScalarTag = {
  default: true,
  tag: 'tag:yaml.org,2002:str',
  test: /^[^~nNyYtTfFoO0-9+.<-]/,
  resolve: (source: string) => source,
};

/**
 * The YAML 1.1 schema, built once: yaml builds one per document otherwise, and sharing it is safe
 * (with known tags off, composing never changes it). Less garbage and less CPU per file.
 */
const YAML_1_1 = new Schema({ schema: 'yaml-1.1', resolveKnownTags: false, customTags: (tags) => [PLAIN_STRING, ...tags] });

// Go template actions that mark a file as a Helm (or other Go template) source, not YAML.
const TEMPLATE_ACTION = /\{\{-?\s*(?:\.|\$|include\b|if\b|else\b|end\b|range\b|with\b|define\b|template\b|toYaml\b|tpl\b|printf\b|default\b|required\b|quote\b|\/\*|-?\}\})/g;
const HELM_MARKER = /\{\{[^}]{0,200}?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\binclude\s+")/;

function emptyFile(file: string, text: string): ParsedFile {
  return { file, text, lineCounter: new LineCounter(), documents: [], findings: [] };
}

function skipFile(file: string, text: string, rule: string, message: string, range?: Range): ParsedFile {
  const parsed = emptyFile(file, text);
  parsed.findings.push(skippedFinding(file, message, rule, range));
  parsed.skipped = message;
  return parsed;
}

/** The one information finding that says why a file (or part of it) is not analysed; at its start unless a range is given. */
export function skippedFinding(file: string, message: string, rule = 'file-skipped', range?: Range): Finding {
  const zero = { line: 0, character: 0 };
  return { rule, severity: 'information', message, file, range: range ?? { start: zero, end: zero } };
}

/** Shared by the reader (size on disk) and the parser (length of an editor's text). */
export function fileTooLargeMessage(size: number, maxBytes: number): string {
  const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `File skipped: ${mib(size)} MiB is over the ${mib(maxBytes)} MiB limit (setting maxFileSizeMB); Kubernetes Service Lens does not analyse it.`;
}

/** Deeper nesting than this is not analysed (see docs/rules/file-skipped.md for the measurements). */
export const MAX_NESTING = 128;

/** Deeper than this, the CST parser's stack is abandoned before it can unwind recursively. */
const PARSER_STACK_GUARD = 2 * MAX_NESTING + 8;

/** YAML warnings (unresolved tags, unknown directives) reported per document; the rest are echoes. */
const MAX_WARNINGS = 20;

/**
 * yaml makes an Error object for every syntax error, and capturing a stack trace is most of its
 * cost: a line of 100,000 stray commas took a second. Nobody reads those traces.
 */
function withoutStackTraces(fn: () => void): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** How many lexemes the incremental parser reads between two pause points. */
const LEXEMES_PER_STEP = 512;

/** Parses a whole file at once (the CLI and the tests). */
export function parseFile(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedFile {
  return drain(parseSteps(file, text, limits));
}

/** Runs a step generator to its end. */
export function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Parses a file incrementally: the generator pauses every few hundred lexemes and between
 * documents, so that the language server can answer requests while a large file is read, and
 * drop the work when the text changes again. Nothing is shared between pauses but the generator.
 */
export function* parseSteps(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): Generator<void, ParsedFile, void> {
  if (text.length > limits.maxFileBytes) return skipFile(file, '', 'file-skipped', fileTooLargeMessage(text.length, limits.maxFileBytes));
  const bad = firstBinaryOffset(text);
  if (bad >= 0) {
    const at = positionAt(text, bad);
    const what = text.charCodeAt(bad) === 0 ? 'a NUL byte' : 'invalid UTF-8';
    return skipFile(file, '', 'file-skipped', `File skipped: it contains ${what} (line ${at.line + 1}), so it is not a YAML manifest.`, { start: at, end: at });
  }

  const lineCounter = new LineCounter();
  const positions = new Positions(lineCounter);
  const parsed: ParsedFile = { file, text, lineCounter, documents: [], findings: [] };
  // parseAllDocuments, taken apart so that it can pause: the lexer and the CST parser advance one
  // lexeme at a time, and each document is composed on its own once its CST is complete.
  // YAML 1.1 is what the Kubernetes decoder (go-yaml v2 via sigs.k8s.io/yaml) implements:
  // `yes`/`on` are booleans and `0755` is octal there, so values are read as the API server reads them.
  // uniqueKeys off: yaml compares each new key with every earlier one (40,000 keys took a minute);
  // duplicates are found in one pass per document instead (duplicateKeys).
  const composer = new Composer({ version: '1.1', schema: YAML_1_1, uniqueKeys: false, keepSourceTokens: false });
  const docs: Document.Parsed[] = [];
  const tooDeep = new Map<number, number>();
  const tooLarge = new Map<number, { offset: number; size: number }>();
  let documentTokens = 0;
  let strayErrors = 0;
  let cutAt: number | undefined;

  const take = (token: CST.Token, deepAt?: number): boolean => {
    // Outside a document, every lexeme of garbage is an error token, and each became an Error
    // object (10,000 stray brackets: 10,000 stack traces); one per document is all that is reported.
    if (token.type === 'error' && ++strayErrors > 1) return true;
    if (token.type === 'document') {
      strayErrors = 0;
      if (documentTokens >= limits.maxDocuments) {
        cutAt = token.offset;
        return false;
      }
      const size = Math.max(0, parser.offset - token.offset);
      const deep = deepAt ?? (size > limits.maxDocumentBytes ? undefined : nestingOverflow(token));
      if (deep !== undefined) {
        // The YAML composer recurses per level: compose an empty document in its place.
        tooDeep.set(documentTokens, deep);
        token = { ...token, value: undefined };
      } else if (size > limits.maxDocumentBytes) {
        tooLarge.set(documentTokens, { offset: token.offset, size });
        token = { ...token, value: undefined };
      }
      documentTokens++;
    }
    withoutStackTraces(() => {
      for (const doc of composer.next(token)) docs.push(doc);
    });
    return true;
  };

  // Line starts come from the text, not from the parser: yaml's parser misses the line breaks
  // inside some tokens (an error token across lines), which put findings past the end of a line.
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lineCounter.addNewLine(i + 1);
    if (lineCounter.lineStarts.length % 65536 === 0) yield;
  }
  let parser = new Parser();
  let lexemes = 0;
  let stopped = false;
  let base = 0;
  while (!stopped) {
    let restartAt: number | undefined;
    for (const lexeme of new Lexer().lex(base === 0 ? text : text.slice(base))) {
      for (const token of parser.next(lexeme)) {
        if (!take(token)) {
          stopped = true;
          break;
        }
      }
      if (stopped) break;
      if (parser.stack.length > PARSER_STACK_GUARD) {
        // The CST parser unwinds its stack recursively when a deep block ends (10,000 levels of
        // `- ` overflow it): give up on this document before that, and restart at the next `---`.
        const next = nextDocumentStart(text, parser.offset);
        const doc = parser.stack[0];
        const docStart = doc?.type === 'document' ? doc.offset : base;
        if (!take({ type: 'document', offset: docStart, start: [] }, deepCollection(parser.stack) ?? docStart)) stopped = true;
        restartAt = next ?? text.length;
        break;
      }
      if (++lexemes % LEXEMES_PER_STEP === 0) yield;
    }
    if (stopped) break;
    if (restartAt === undefined) {
      for (const token of parser.end()) if (!take(token)) break;
      break;
    }
    if (restartAt >= text.length) break;
    base = restartAt;
    parser = new Parser();
    parser.offset = base;
    yield;
  }
  withoutStackTraces(() => {
    for (const doc of composer.end(false, cutAt ?? text.length)) docs.push(doc);
  });
  if (docs.length === 0) return parsed; // empty stream
  yield;

  const template = findTemplateAction(cutAt === undefined ? text : text.slice(0, cutAt), docs);
  if (template !== undefined) {
    const range = positions.range(template.offset, template.offset + template.length);
    return {
      ...skipFile(
        file,
        text,
        'template-skipped',
        `File skipped: it is a Helm/Go template (\`${template.snippet}\` at line ${range.start.line + 1}), not YAML until rendered. Lint the rendered output instead, e.g. \`helm template . | kube-service-lens -\`.`,
        range,
      ),
      lineCounter,
    };
  }

  for (let index = 0; index < docs.length; index++) {
    const doc = docs[index] as Document.Parsed;
    const deep = tooDeep.get(index);
    if (deep !== undefined) {
      parsed.findings.push({
        rule: 'file-skipped',
        severity: 'information',
        message: `Document skipped: its collections are nested more than ${MAX_NESTING} levels deep (from line ${positions.at(deep).line + 1}); Kubernetes Service Lens does not analyse it.`,
        file,
        range: positions.range(deep, deep + 1),
      });
      parsed.documents.push({ index, doc, broken: true });
      continue;
    }
    const large = tooLarge.get(index);
    if (large !== undefined) {
      const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
      parsed.findings.push({
        rule: 'file-skipped',
        severity: 'information',
        message: `Document skipped in the editor: at ${kib(large.size)} it is over the ${kib(limits.maxDocumentBytes)} limit for one document (setting maxDocumentSizeKB), which keeps the editor responsive; the command line (kube-service-lens) analyses it.`,
        file,
        range: positions.range(large.offset, large.offset),
      });
      parsed.documents.push({ index, doc, broken: true });
      continue;
    }
    const broken = documentFindings(doc, text, positions, parsed);
    parsed.documents.push({ index, doc, broken });
    if (index % 64 === 63) yield;
  }

  if (cutAt !== undefined) {
    parsed.findings.push({
      rule: 'file-skipped',
      severity: 'information',
      message: `Only the first ${limits.maxDocuments} documents are analysed (setting maxDocuments); the rest of the file, from line ${positions.at(cutAt).line + 1}, is not.`,
      file,
      range: positions.range(cutAt, cutAt),
    });
  }
  return parsed;
}

/**
 * The findings of one composed document; true when its content is not trusted. Only the first
 * syntax error is reported: later ones are nearly always its echoes (an unclosed `[` yields one
 * per nesting level). Duplicate keys are independent and each is reported.
 */
function documentFindings(doc: Document.Parsed, text: string, positions: Positions, parsed: ParsedFile): boolean {
  const file = parsed.file;
  let broken = false;
  let first: YAMLError | undefined;
  for (const key of duplicateKeys(doc)) {
    const r = key.range as [number, number, number];
    parsed.findings.push({
      rule: 'yaml-duplicate-key',
      severity: 'error',
      message: 'Map keys must be unique; the API server rejects the object under strict field validation (400 "duplicate field"), and a lenient decoder keeps only the last value',
      file,
      range: positions.range(r[0], r[1]),
    });
  }
  for (const error of doc.errors) {
    broken = true;
    if (!first || error.pos[0] < first.pos[0]) first = error;
  }
  if (first) {
    const located = locateError(doc, text, first);
    parsed.findings.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message: `YAML syntax error: ${located.message}`,
      file,
      range: positions.range(located.start, located.end),
    });
  }
  for (const warning of doc.warnings.slice(0, MAX_WARNINGS)) {
    parsed.findings.push({
      rule: 'yaml-syntax',
      severity: 'warning',
      message: `YAML: ${firstLine(warning.message)}`,
      file,
      range: positions.range(warning.pos[0], warning.pos[1]),
    });
  }
  if (broken) return true;

  // No `*` in its text, no alias: most documents skip the walk.
  const [from, , to] = doc.range;
  const star = text.indexOf('*', from);
  if (star < 0 || star >= to) return false;
  for (const problem of aliasTable(doc).problems) {
    const r = problem.alias.range;
    const range = r ? positions.range(r[0], r[1]) : positions.range(0, 0);
    const name = problem.alias.source;
    if (problem.kind === 'excessive') {
      parsed.findings.push({
        rule: 'yaml-excessive-aliasing',
        severity: 'error',
        message:
          `Expanding the aliases of this document, \`*${name}\` brings the decoded nodes to ${count(problem.decoded)}, ${count(problem.fromAliases)} of them from aliases ` +
          `(an "alias bomb"); kubectl and the API server refuse it: "yaml: document contains excessive aliasing"`,
        file,
        range,
      });
      continue;
    }
    if (broken) continue; // one syntax error per document, as for the parser's own
    broken = true;
    parsed.findings.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message:
        problem.kind === 'unknown'
          ? `YAML syntax error: the alias \`*${name}\` has no anchor \`&${name}\` before it in this document; kubectl refuses the file: "yaml: unknown anchor '${name}' referenced"`
          : `YAML syntax error: the alias \`*${name}\` is inside the node anchored \`&${name}\`; kubectl refuses the file: "yaml: anchor '${name}' value contains itself"`,
      file,
      range,
    });
  }
  return broken;
}

function count(n: number | undefined): string {
  if (n === undefined) return '?';
  return n >= 1e15 ? n.toExponential(2) : Math.round(n).toLocaleString('en-US');
}

/**
 * yaml reports an unclosed `[`, `{` or quote where it gave up, often lines later or at the end of
 * the file; the mistake is the opening character, so the finding goes there.
 */
function locateError(doc: Document.Parsed, text: string, error: YAMLError): { message: string; start: number; end: number } {
  const message = firstLine(error.message);
  const fallback = { message, start: error.pos[0], end: error.pos[1] };
  const flow = /^Flow (sequence|map)\b.*end with a ([\]}])$/.exec(message);
  const quote = /^Missing closing (["'])quote$/.exec(message);
  if (!flow && !quote) return fallback;
  let found: [number, number] | undefined;
  visit(doc, {
    Node(_key, node) {
      const r = node.range;
      if (!r || r[1] !== error.pos[0]) return undefined;
      if (flow && (isSeq(node) || isMap(node)) && node.flow && text[r[0]] === (flow[2] === ']' ? '[' : '{')) found = [r[0], r[0] + 1];
      if (quote && isScalar(node) && text[r[0]] === quote[1]) found = [r[0], r[0] + 1];
      return undefined;
    },
  });
  if (!found) return fallback;
  if (flow) {
    const open = flow[2] === ']' ? '[' : '{';
    return { message: `this flow ${flow[1]} \`${open}\` is never closed: a \`${flow[2]}\` is missing (or a line inside it is not indented enough)`, start: found[0], end: found[1] };
  }
  const kind = quote?.[1] === '"' ? 'double' : 'single';
  return { message: `this ${kind}-quoted string is never closed: the closing ${quote?.[1]} is missing (or a line inside it is not indented enough)`, start: found[0], end: found[1] };
}

/**
 * The keys that repeat an earlier key of the same mapping, in one pass with a set per mapping
 * (keys are equal as yaml compares them: the same scalar value). `<<` merge keys may repeat.
 */
function duplicateKeys(doc: Document.Parsed): Scalar[] {
  const out: Scalar[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && typeof key.value !== 'symbol') {
          if (seen.has(key.value) && key.range) out.push(key);
          seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  return out.sort((a, b) => (a.range as [number, number, number])[0] - (b.range as [number, number, number])[0]);
}

/** The offset of the first collection nested deeper than MAX_NESTING in a CST document, if any (iterative: the tree may be 100,000 deep). */
function nestingOverflow(document: CST.Document): number | undefined {
  const stack: Array<[CST.Token, number]> = [];
  if (document.value) stack.push([document.value, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_NESTING) return token.offset;
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** The offset of the (MAX_NESTING + 1)-th collection on the CST parser's stack. */
function deepCollection(stack: readonly CST.Token[]): number | undefined {
  let depth = 0;
  for (const token of stack) {
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (++depth > MAX_NESTING) return token.offset;
    }
  }
  return undefined;
}

/** The start of the next line at or after `from` that begins a document (`---`). */
function nextDocumentStart(text: string, from: number): number | undefined {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  marker.lastIndex = from;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index >= from) return m.index;
  }
  return undefined;
}

/** The first NUL or U+FFFD (what a UTF-8 decoder puts for invalid bytes), or -1. */
export function firstBinaryOffset(text: string): number {
  const nul = text.indexOf('\u0000');
  const replacement = text.indexOf('\uFFFD');
  if (nul < 0) return replacement;
  if (replacement < 0) return nul;
  return Math.min(nul, replacement);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}

interface TemplateHit {
  offset: number;
  length: number;
  snippet: string;
}

/**
 * A Go template action outside a quoted or block string scalar (where Prometheus and Grafana keep
 * theirs), or any Helm marker such as `.Values`, means the file is a template, not YAML.
 */
function findTemplateAction(text: string, docs: Document.Parsed[]): TemplateHit | undefined {
  if (!text.includes('{{')) return undefined;
  const helm = HELM_MARKER.exec(text);
  if (helm) return hit(text, helm.index);

  const stringRanges: Array<[number, number]> = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node: Scalar) {
        if (node.type !== Scalar.PLAIN && node.range) stringRanges.push([node.range[0], node.range[1]]);
      },
    });
  }
  // Scalars do not overlap, so sorted by start they are sorted by end too: binary search.
  stringRanges.sort((a, b) => a[0] - b[0]);
  const inString = (at: number): boolean => {
    let lo = 0;
    let hi = stringRanges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = stringRanges[mid] as [number, number];
      if (at < s) hi = mid - 1;
      else if (at >= e) lo = mid + 1;
      else return true;
    }
    return false;
  };
  TEMPLATE_ACTION.lastIndex = 0;
  for (let m = TEMPLATE_ACTION.exec(text); m; m = TEMPLATE_ACTION.exec(text)) {
    const at = m.index;
    if (!inString(at) && !inComment(text, at)) return hit(text, at);
  }
  return undefined;
}

function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /(^|\s)#/.test(text.slice(lineStart, offset));
}

function hit(text: string, offset: number): TemplateHit {
  const close = text.indexOf('}}', offset);
  const end = close >= 0 && close - offset < 80 ? close + 2 : Math.min(text.length, offset + 40);
  const snippet = text.slice(offset, end).replace(/\s+/g, ' ');
  return { offset, length: end - offset, snippet };
}


