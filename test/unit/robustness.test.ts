// Bad input never breaks the engine: every odd file of issue 8 has a defined outcome, asserted
// here: one clear finding at the right place, or a skip with a single information saying why.
// Rule errors fail these tests (check() turns onRuleError into an exception). Assertions look
// only at the rules named, so that rules added later do not make them wrong.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_NESTING, parseFile } from '../../server/src/engine/parse';
import { extractResources } from '../../server/src/engine/resources';
import type { Finding } from '../../server/src/engine/types';
import { brief, check } from '../support/check';

const ENGINE_RULES = ['yaml-syntax', 'yaml-duplicate-key', 'yaml-excessive-aliasing', 'template-skipped', 'file-skipped'];
const SERVICE_RULES = ['service-type', 'service-port-range', 'service-protocol'];

/** `rule severity L:C-L:C` of the findings of the given rules (engine rules by default). */
function briefs(findings: Finding[], rules: readonly string[] = ENGINE_RULES): string[] {
  return findings.filter((f) => rules.includes(f.rule)).map(brief);
}

function lint(text: string, settings: Record<string, unknown> = {}): Finding[] {
  return check({ 'f.yaml': text }, settings).findings;
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n';

describe('malformed YAML: one finding at the mistake, other documents still checked', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['unclosed flow sequence', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [web\nspec: {}\n', 'yaml-syntax error 4:9-4:10', /flow sequence `\[` is never closed/],
    ['unclosed flow map at the end of the file', 'apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]\n', 'yaml-syntax error 3:7-3:8', /flow map `\{` is never closed/],
    ['unclosed double quote', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "web\nspec: {}\n', 'yaml-syntax error 4:9-4:10', /double-quoted string is never closed/],
    ['unclosed single quote', "apiVersion: v1\nkind: Service\nmetadata:\n  name: 'web\n", 'yaml-syntax error 4:9-4:10', /single-quoted string is never closed/],
    ['key indented too far', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   labels: x\n', 'yaml-syntax error 4:9-4:10', /Nested mappings are not allowed in compact mappings/],
    ['sequence item out of line', 'spec:\n  ports:\n  - port: 80\n   - port: 81\n', 'yaml-syntax error 4:4-4:5', /All sequence items must start at the same column/],
    ['invalid escape in a double-quoted string', 'metadata:\n  name: "a\\qb"\n', 'yaml-syntax error 2:11-2:12', /Invalid escape sequence \\q/],
    ['bad block scalar header', 'metadata:\n  annotations:\n    a: |x\n      text\n', 'yaml-syntax error 3:9-3:10', /Block scalar header includes extra characters/],
    ['block sequence inside a mapping', 'metadata:\n  name: a\n- b\n', 'yaml-syntax error 3:1-3:2', /block sequence may not be used as an implicit map key/],
    ['key without a colon', 'apiVersion: v1\nkind: Service\nmetadata\n  name: a\n', 'yaml-syntax error 3:1-4:7', /Implicit keys need to be on a single line/],
    ['text after the document end marker', 'apiVersion: v1\n... x\n', 'yaml-syntax error 2:5-2:6', /Unexpected scalar at node end/],
    ['two anchors on one node', 'a: &x &y 1\n', 'yaml-syntax error 1:7-1:9', /at most one anchor/],
    ['alias without an anchor', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: *web\n', 'yaml-syntax error 4:9-4:13', /unknown anchor 'web' referenced/],
    ['alias inside its own anchor', 'a: &loop {b: *loop}\n', 'yaml-syntax error 1:14-1:19', /anchor 'loop' value contains itself/],
    ['a block collection inside a flow one', 'spec: {a: 1 b: 2}\n', 'yaml-syntax error 1:11-1:17', /Block collections are not allowed within flow collections/],
  ];
  for (const [name, text, expected, message] of cases) {
    it(name, () => {
      const findings = lint(`${text}---\n${SERVICE}`);
      assert.deepEqual(briefs(findings), [expected]);
      assert.match(findings.find((f) => f.rule === 'yaml-syntax')!.message, message);
      // The next document is still analysed, unless an unclosed quote runs on into it (yaml reads
      // the `---` as part of the string).
      const swallowed = /^unclosed .*quote/.test(name);
      assert.deepEqual(
        findings.filter((f) => f.rule === 'service-type').map((f) => f.range.start.line),
        swallowed ? [] : [text.split('\n').length + 5],
      );
    });
  }

  it('reports one finding for a document that fails at every nesting level', () => {
    assert.deepEqual(briefs(lint(`a: ${'['.repeat(60)}\n`)), ['yaml-syntax error 1:63-1:64']);
  });

  it('reports one finding per broken document', () => {
    const findings = lint('a: [\n---\nb: {\n---\nc: "x\n');
    assert.deepEqual(briefs(findings), ['yaml-syntax error 1:4-1:5', 'yaml-syntax error 3:4-3:5', 'yaml-syntax error 5:4-5:5']);
  });

  it('reports one finding for floods of errors: stray brackets after a document, commas, unknown aliases', () => {
    // Once the document ends at the dedent, every bracket is a stray token of the stream.
    const stray = lint(`    protocol: HTTPS\n  - number: 443\ndeep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    assert.deepEqual(briefs(stray), ['yaml-syntax error 2:3-2:4']);
    assert.deepEqual(briefs(lint(`a: [${','.repeat(100_000)}]\n`)), ['yaml-syntax error 1:6-1:7']);
    const aliases = lint(`l: [${'*x, '.repeat(50_000)}]\n`);
    assert.deepEqual(briefs(aliases), ['yaml-syntax error 1:5-1:7']);
    assert.match(aliases[0]!.message, /unknown anchor 'x' referenced/);
  });

  it('reports at most 20 YAML warnings per document', () => {
    const findings = lint(`${Array.from({ length: 5000 }, (_, i) => `k${i}: !t${i} v`).join('\n')}\n`);
    assert.equal(findings.filter((f) => f.rule === 'yaml-syntax' && f.severity === 'warning').length, 20);
    assert.deepEqual(findings[0]!.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } });
  });

  it('reports YAML warnings (unresolved tags) as warnings where they are', () => {
    assert.deepEqual(briefs(lint('a: !foo 1\nb: !bar 2\n')), ['yaml-syntax warning 1:4-1:8', 'yaml-syntax warning 2:4-2:8']);
  });
});

describe('duplicate keys', () => {
  it('marks every repeated key, block and flow, and the last value wins', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a, name: b}\nspec:\n  type: ClusterIP\n  type: NodePort\n  type: Nodeport\n  ports: [{port: 80}]\n';
    const findings = lint(text);
    assert.deepEqual(briefs(findings, ['yaml-duplicate-key', 'service-type']), [
      'yaml-duplicate-key error 3:21-3:25',
      'yaml-duplicate-key error 6:3-6:7',
      'yaml-duplicate-key error 7:3-7:7',
      'service-type error 7:9-7:17',
    ]);
    assert.match(findings[0]!.message, /Map keys must be unique; the API server rejects the object under strict field validation \(400 "duplicate field"\)/);
    assert.equal(extractResources(parseFile('f.yaml', text))[0]!.name, 'b');
  });

  it('stays linear with thousands of repeated keys', () => {
    const text = `metadata:\n${'  name: a\n'.repeat(5000)}`;
    assert.equal(briefs(lint(text)).length, 4999);
  });
});

describe('tabs, CRLF and a byte order mark', () => {
  it('reports a tab used as indentation at the tab', () => {
    const findings = lint('apiVersion: v1\nkind: Service\nmetadata:\n\tname: a\n');
    assert.deepEqual(briefs(findings), ['yaml-syntax error 4:1-4:2']);
    assert.match(findings[0]!.message, /Tabs are not allowed as indentation/);
  });

  it('accepts tabs as separators inside a line', () => {
    assert.deepEqual(briefs(lint('apiVersion: v1\nkind: Service\nmetadata:\n  name:\tweb\nspec:\n  type:\tNodeport\n'), [...ENGINE_RULES, 'service-type']), ['service-type error 6:9-6:17']);
  });

  it('gives the same findings at the same positions with LF, CRLF, a BOM and both', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\nspec:\n  type: Nodeport\n  ports:\n  - port: 0\n---\nkey: [broken\n';
    const expected = ['yaml-duplicate-key error 5:3-5:7', 'service-type error 7:9-7:17', 'service-port-range error 9:11-9:12', 'yaml-syntax error 11:6-11:7'];
    const rules = [...ENGINE_RULES, ...SERVICE_RULES];
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(briefs(lint(text), rules), expected);
    assert.deepEqual(briefs(lint(crlf), rules), expected);
    // A BOM is not a character of line 1 for the editor, and is not part of any finding's range here.
    assert.deepEqual(briefs(lint(`\uFEFF${text}`), rules), expected);
    assert.deepEqual(briefs(lint(`\uFEFF${crlf}`), rules), expected);
  });

  it('never includes the CR of a CRLF line ending in a range', () => {
    const findings = lint('apiVersion: v1\r\nkind: Service\r\nspec:\r\n  type: Nodeport\r\n');
    assert.deepEqual(briefs(findings, ['service-type']), ['service-type error 4:9-4:17']);
  });
});

describe('binary and non-UTF-8 text', () => {
  it('skips a file with a NUL byte, anywhere in it, with one information at that byte', () => {
    const text = `${'a: 1\n'.repeat(3000)}b: "\u0000"\n`;
    const findings = lint(text);
    assert.deepEqual(findings.map(brief), ['file-skipped information 3001:5-3001:5']);
    assert.match(findings[0]!.message, /File skipped: it contains a NUL byte \(line 3001\), so it is not a YAML manifest/);
  });

  it('skips text decoded from invalid UTF-8 (U+FFFD) with one information', () => {
    const findings = lint('apiVersion: v1\nkind: Service\nmetadata:\n  name: caf\uFFFD\n');
    assert.deepEqual(findings.map(brief), ['file-skipped information 4:12-4:12']);
    assert.match(findings[0]!.message, /invalid UTF-8 \(line 4\)/);
  });
});

describe('size limits', () => {
  it('skips a file over maxFileSizeMB without parsing it, with one information', () => {
    const text = `${SERVICE}data: "${'x'.repeat(50 * 1024 * 1024)}"\n`;
    const findings = lint(text);
    assert.deepEqual(findings.map(brief), ['file-skipped information 1:1-1:1']);
    assert.match(findings[0]!.message, /File skipped: 50\.0 MiB is over the 4\.0 MiB limit \(setting maxFileSizeMB\)/);
  });

  it('skips one document over maxDocumentSizeKB (editor) with one information at its start, and checks the others', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 6000 }, (_, i) => `  k${i}: "${'x'.repeat(40)}"\n`).join('')}`;
    const findings = lint(`${SERVICE}---\n${big}---\n${SERVICE}`).filter((f) => [...ENGINE_RULES, 'service-type'].includes(f.rule));
    assert.deepEqual(briefs(findings, [...ENGINE_RULES, 'service-type']), ['service-type error 6:9-6:17', 'file-skipped information 8:1-8:1', `service-type error ${8 + 4 + 6000 + 1 + 6}:9-${8 + 4 + 6000 + 1 + 6}:17`]);
    assert.match(findings[1]!.message, /^Document skipped in the editor: at 3\d\d KiB it is over the 256 KiB limit for one document \(setting maxDocumentSizeKB\), which keeps the editor responsive; the command line \(kube-service-lens\) analyses it\.$/);
    assert.deepEqual(briefs(lint(big, { maxDocumentSizeKB: 1024 })), []);
  });

  it('analyses a file of 10,000 documents completely', () => {
    const doc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: Nodeport}\n';
    const findings = lint(Array.from({ length: 10_000 }, () => doc).join('---\n'));
    assert.equal(findings.filter((f) => f.rule === 'service-type').length, 10_000);
    assert.equal(findings.filter((f) => f.rule === 'file-skipped').length, 0);
    assert.equal(findings.at(-1)!.range.start.line, 9_999 * 5 + 3);
  });

  it('stops at maxDocuments and says from which line the file is not analysed', () => {
    const doc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: Nodeport}\n';
    const findings = lint(Array.from({ length: 10_001 }, () => doc).join('---\n'));
    assert.equal(findings.filter((f) => f.rule === 'service-type').length, 10_000);
    const skipped = findings.filter((f) => f.rule === 'file-skipped');
    assert.deepEqual(skipped.map(brief), ['file-skipped information 50000:1-50000:1']);
    assert.match(skipped[0]!.message, /^Only the first 10000 documents are analysed \(setting maxDocuments\); the rest of the file, from line 50000, is not\.$/);
  });
});

describe('alias bombs', () => {
  const laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);

  it('reports the billion laughs once, at the alias where kubectl gives up, and still checks the object', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  annotations:\n${laughs.map((l) => `    ${l}`).join('\n')}\nspec:\n  type: Nodeport\n  ports: [{port: 1, targetPort: *a9}]\n`;
    const findings = lint(text).filter((f) => [...ENGINE_RULES, 'service-type'].includes(f.rule));
    assert.deepEqual(briefs(findings, [...ENGINE_RULES, 'service-type']), ['yaml-excessive-aliasing error 9:30-9:33', 'service-type error 17:9-17:17']);
    assert.match(findings[0]!.message, /`\*a2` brings the decoded nodes to 5,592, 5,540 of them from aliases .*"yaml: document contains excessive aliasing"/);
  });

  it('copies no more than a preview of an anchor into the views, however often it is aliased', () => {
    const big = Array.from({ length: 5000 }, (_, i) => i).join(',');
    const ports = Array.from({ length: 5000 }, (_, i) => `  - {port: ${i + 1}, targetPort: *big}`).join('\n');
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: {x: &big [${big}]}\nspec:\n  ports:\n${ports}\n`;
    const [service] = extractResources(parseFile('f.yaml', text));
    const targetPort = service!.service!.ports[4999]!.targetPort!.value as unknown[];
    assert.equal(targetPort.length, 50);
    assert.equal(targetPort.at(-1), '…');
    // 5,000 copies of a 5,001-node anchor: go-yaml's alias ratio refuses this one too.
    assert.deepEqual(
      briefs(lint(text)).map((b) => b.split(' ').slice(0, 2).join(' ')),
      ['yaml-excessive-aliasing error'],
    );
  });
});

describe('deep nesting', () => {
  it(`analyses documents nested ${MAX_NESTING} levels deep`, () => {
    const text = `a: ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}\n`;
    assert.deepEqual(briefs(lint(text)), []);
  });

  const cases: Array<[string, string, string]> = [
    ['10,000 nested [', `${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, `file-skipped information 1:${MAX_NESTING + 1}-1:${MAX_NESTING + 2}`],
    ['10,000 unclosed [', '['.repeat(10_000), `file-skipped information 1:${MAX_NESTING + 1}-1:${MAX_NESTING + 2}`],
    ['10,000 nested {a:', `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, `file-skipped information 1:${4 * MAX_NESTING}-1:${4 * MAX_NESTING + 1}`],
    ['- - - - … 10,000 times', `${'- '.repeat(10_000)}x\n`, `file-skipped information 1:${2 * MAX_NESTING + 1}-1:${2 * MAX_NESTING + 2}`],
    ['1,000 indented mappings', `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`, `file-skipped information ${MAX_NESTING + 1}:${MAX_NESTING + 1}-${MAX_NESTING + 1}:${MAX_NESTING + 2}`],
  ];
  for (const [name, text, expected] of cases) {
    it(`skips ${name} with one information at the level past the limit, and checks the next document`, () => {
      // Twice: a second overflowing parse in one process used to abort node in V8's regexp compiler.
      for (let round = 0; round < 2; round++) {
        const findings = lint(`${text}\n---\n${SERVICE}`);
        assert.deepEqual(briefs(findings), [expected]);
        assert.match(findings.find((f) => f.rule === 'file-skipped')!.message, new RegExp(`nested more than ${MAX_NESTING} levels deep`));
        assert.equal(findings.filter((f) => f.rule === 'service-type').length, 1);
      }
    });
  }
});

describe('templates, kustomize and JSON', () => {
  it('skips a Helm template with one information at its first action', () => {
    const findings = lint('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  type: {{ .Values.service.type }}\n');
    assert.deepEqual(findings.map(brief), ['template-skipped information 4:9-4:37']);
  });

  it('treats Go templates in strings and comments as text', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\ndata:\n  rule: "{{ $labels.instance }} down"\n  # {{ if .x }} in a comment\n---\n${SERVICE}`;
    assert.deepEqual(briefs(lint(text), [...ENGINE_RULES, 'service-type']), ['service-type error 13:9-13:17']);
  });

  it('does not backtrack for long on a `{{` followed by a long run of spaces', () => {
    const findings = lint(`a: 1\nb: "{{${' '.repeat(100_000)}x"\nc: "{{${' '.repeat(100_000)}"\n`);
    assert.deepEqual(briefs(findings), []);
  });

  it('stays quiet on kustomize files: kustomization, strategic merge and JSON 6902 patches', () => {
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [svc.yaml]\npatches:\n- path: patch.yaml\n  target: {kind: Service}\n';
    const merge = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 8080\n    $patch: delete\n';
    const json6902 = '- op: replace\n  path: /spec/type\n  value: Nodeport\n- op: add\n  path: /spec/ports/-\n  value: {port: 0}\n';
    const result = check({ 'kustomization.yaml': kustomization, 'patch.yaml': merge, 'patch6902.yaml': json6902 });
    assert.deepEqual(briefs(result.findings, [...ENGINE_RULES, ...SERVICE_RULES]), []);
  });

  it('reads JSON-style YAML (tabs included) and reports at the JSON value', () => {
    const json = '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {"name": "web"},\n\t"spec": {"type": "Nodeport", "ports": [{"port": 0}]}\n}\n';
    assert.deepEqual(briefs(lint(json), [...ENGINE_RULES, ...SERVICE_RULES]), ['service-type error 5:19-5:29', 'service-port-range error 5:50-5:51']);
  });
});

describe('kind: List and odd shapes', () => {
  it('checks the objects of a List and ignores items that are not objects', () => {
    const text = 'apiVersion: v1\nkind: List\nitems: [1, "x", null, [], {kind: Service}, {apiVersion: v1, kind: Service, spec: {type: Nodeport}}]\n';
    assert.deepEqual(briefs(lint(text), [...ENGINE_RULES, 'service-type']), ['service-type error 3:89-3:97']);
    assert.deepEqual(extractResources(parseFile('f.yaml', text)).map((r) => [r.kind, r.itemIndex]), [['Service', 5]]);
  });

  for (const items of ['~', '{a: 1}', '5', '[[[]]]']) {
    it(`does not fail on a List whose items are ${items}`, () => {
      assert.deepEqual(briefs(lint(`apiVersion: v1\nkind: List\nitems: ${items}\n`)), []);
    });
  }

  it('checks an object without metadata', () => {
    assert.deepEqual(briefs(lint('apiVersion: v1\nkind: Service\nspec:\n  type: Nodeport\n'), ['service-type']), ['service-type error 4:9-4:17']);
  });

  const shapes: Array<[string, string, string[]]> = [
    ['null where maps are expected', 'apiVersion: v1\nkind: Service\nmetadata: null\nspec:\n  type: Nodeport\n  ports: [null, ~, {port: null}]\n  selector: null\n', ['service-type error 5:9-5:17']],
    ['a null spec', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: ~\n', []],
    ['a string spec', 'apiVersion: v1\nkind: Service\nspec: "string"\n', []],
    ['numbers where strings are expected', 'apiVersion: v1\nkind: Service\nmetadata: {name: 5, namespace: 7, labels: 3}\nspec:\n  type: 5\n  ports: 80\n  selector: [a]\n', ['service-type error 5:9-5:10']],
    ['numbers as apiVersion and kind', 'apiVersion: 1\nkind: 5\nmetadata: {name: a}\n', []],
    ['strings where numbers are expected', 'apiVersion: v1\nkind: Service\nspec:\n  ports: [{port: "80"}]\n', ['service-port-range error 4:18-4:22']],
    ['collections where scalars are expected', 'apiVersion: v1\nkind: Service\nmetadata: [a]\nspec:\n  type: [NodePort]\n  ports: [{port: [80]}]\n', ['service-type error 5:9-5:19', 'service-port-range error 6:18-6:22']],
    ['a key named __proto__', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: {__proto__: 1, constructor: 2}\n', ['service-type error 5:9-5:39']],
    ['merge keys of odd values', 'x: &x 5\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  <<: [*x, null, {a: 1}]\n  type: Nodeport\n', ['service-type error 7:9-7:17']],
    ['complex and boolean keys', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, labels: {yes: no, 1: 2, null: ~}}\nspec:\n  ? [type]\n  : NodePort\n  selector: {on: off, 5: 6}\n  type: Nodeport\n', ['service-type error 8:9-8:17']],
    [
      'odd workload shapes',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: "2"\n  template:\n    metadata: {labels: [a]}\n    spec:\n      containers: {a: 1}\n      initContainers: [null, 5, {ports: 8080}, {ports: [null, 5, {containerPort: "x"}]}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: [1]}\n',
      [],
    ],
    [
      'odd routes, ingresses, endpoints and CIDRs',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {defaultBackend: 5, rules: [null, {http: {paths: [null, {backend: {service: {name: 5, port: [1]}}}]}}]}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {rules: [{backendRefs: [null, 5, {name: [x]}, {name: s, port: {a: 1}, namespace: 5}]}]}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e, labels: {kubernetes.io/service-name: 5}}\n---\napiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata: {name: c}\nspec: {cidrs: [5, null, "10.0.0.0/8"]}\n',
      [],
    ],
  ];
  for (const [name, text, expected] of shapes) {
    it(`handles ${name}`, () => {
      assert.deepEqual(briefs(lint(text), [...ENGINE_RULES, ...SERVICE_RULES]), expected);
    });
  }
});
