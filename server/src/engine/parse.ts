// Multi-document YAML with exact ranges. Syntax problems become findings at their position,
// and one broken document never hides the findings of the others.
import { Document, LineCounter, parseAllDocuments, Scalar, visit } from 'yaml';
import type { Finding, Position, Range } from './types';

export interface ParseLimits {
  /** Files larger than this are skipped with one information finding. */
  maxFileBytes: number;
  /** Documents past this count are not analysed (one information finding says so). */
  maxDocuments: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxFileBytes: 8 * 1024 * 1024,
  maxDocuments: 10_000,
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

// Go template actions that mark a file as a Helm (or other Go template) source, not YAML.
const TEMPLATE_ACTION = /\{\{-?\s*(?:\.|\$|include\b|if\b|else\b|end\b|range\b|with\b|define\b|template\b|toYaml\b|tpl\b|printf\b|default\b|required\b|quote\b|\/\*|-?\s*\}\})/g;
const HELM_MARKER = /\{\{[^}]*(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\binclude\s+")/;

function emptyFile(file: string, text: string): ParsedFile {
  return { file, text, lineCounter: new LineCounter(), documents: [], findings: [] };
}

function skipFile(file: string, text: string, rule: string, message: string, range?: Range): ParsedFile {
  const parsed = emptyFile(file, text);
  const at: Range = range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  parsed.findings.push({ rule, severity: 'information', message, file, range: at });
  parsed.skipped = message;
  return parsed;
}

/** True when the text holds a NUL byte or the U+FFFD replacement character early on: not a text manifest. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  return head.includes('\u0000') || head.includes('\uFFFD');
}

export function parseFile(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedFile {
  if (text.length > limits.maxFileBytes) {
    const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return skipFile(
      file,
      '',
      'file-skipped',
      `File skipped: ${mib(text.length)} MiB is over the ${mib(limits.maxFileBytes)} MiB limit (setting maxFileSizeMB); Kubernetes Service Lens does not analyse it.`,
    );
  }
  if (looksBinary(text)) {
    return skipFile(file, '', 'file-skipped', 'File skipped: it contains NUL bytes or invalid UTF-8, so it is not a YAML manifest.');
  }

  const lineCounter = new LineCounter();
  const positions = new Positions(lineCounter);
  // YAML 1.1 is what the Kubernetes decoder (go-yaml v2 via sigs.k8s.io/yaml) implements:
  // `yes`/`on` are booleans and `0755` is octal there, so values are read as the API server reads them.
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: true, keepSourceTokens: false });
  const parsed: ParsedFile = { file, text, lineCounter, documents: [], findings: [] };
  if (!Array.isArray(docs)) return parsed; // empty stream

  const template = findTemplateAction(text, docs);
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

  docs.forEach((doc, index) => {
    if (index >= limits.maxDocuments) return;
    let broken = false;
    for (const error of doc.errors) {
      const duplicate = error.code === 'DUPLICATE_KEY';
      if (!duplicate) broken = true;
      parsed.findings.push({
        rule: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
        severity: 'error',
        message: duplicate
          ? `${firstLine(error.message)}; the API server rejects the object under strict field validation (400 "duplicate field"), and a lenient decoder keeps only the last value`
          : `YAML syntax error: ${firstLine(error.message)}`,
        file,
        range: duplicate ? keyRange(doc, positions, error.pos) : positions.range(error.pos[0], error.pos[1]),
      });
    }
    for (const warning of doc.warnings) {
      parsed.findings.push({
        rule: 'yaml-syntax',
        severity: 'warning',
        message: `YAML: ${firstLine(warning.message)}`,
        file,
        range: positions.range(warning.pos[0], warning.pos[1]),
      });
    }
    parsed.documents.push({ index, doc, broken });
  });

  if (docs.length > limits.maxDocuments) {
    const first = docs[limits.maxDocuments];
    const offset = first?.range?.[0] ?? 0;
    parsed.findings.push({
      rule: 'file-skipped',
      severity: 'information',
      message: `Only the first ${limits.maxDocuments} of ${docs.length} documents are analysed (setting maxDocuments).`,
      file,
      range: positions.range(offset, offset),
    });
  }
  return parsed;
}

/** yaml points a duplicate key at its first character; the finding covers the whole key. */
function keyRange(doc: Document.Parsed, positions: Positions, pos: [number, number]): Range {
  let end = pos[1];
  visit(doc, {
    Pair(_key, pair) {
      const r = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (r && r[0] === pos[0]) {
        end = r[1];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return positions.range(pos[0], end);
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
  TEMPLATE_ACTION.lastIndex = 0;
  for (let m = TEMPLATE_ACTION.exec(text); m; m = TEMPLATE_ACTION.exec(text)) {
    const at = m.index;
    if (!stringRanges.some(([s, e]) => at >= s && at < e) && !inComment(text, at)) return hit(text, at);
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


