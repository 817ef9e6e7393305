// One problem, one diagnostic: a schema finding gives way to another rule's finding on the same node.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine/linter';
import type { ObjectRule } from '../../server/src/engine/rules/rule';
import { schemaType } from '../../server/src/engine/rules/schema/type';
import { schemaUnknownField } from '../../server/src/engine/rules/schema/unknownField';
import { servicePortRange } from '../../server/src/engine/rules/service/ports';
import { brief, check } from '../support/check';

const svc = (port: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - name: a\n      port: ${port}\n${extra}`;

// The Services here have no selector on purpose; the information that says so is beside the point.
const QUIET = { rules: { 'service-without-selector': 'off' } };

describe('one problem, one diagnostic', () => {
  it('port: "80" is reported once, by service-port-range', () => {
    assert.deepEqual(check({ 's.yaml': svc('"80"') }, QUIET).findings.map(brief), ['service-port-range error 7:13-7:17']);
  });

  it('without the semantic rule the schema rule reports the same value', () => {
    const l = new Linter(undefined, { rules: [schemaType] });
    l.update('s.yaml', svc('"80"'));
    assert.deepEqual(l.findings('s.yaml').map(brief), ['schema-type error 7:13-7:17']);
  });

  it('a finding on the whole pair or on the key also covers the schema finding', () => {
    const onPair: ObjectRule = { ...servicePortRange, id: 'pair-rule', check: ({ report }) => report({ range: { start: { line: 6, character: 6 }, end: { line: 6, character: 16 } }, message: 'pair' }) };
    const l = new Linter(undefined, { rules: [schemaType, onPair] });
    l.update('s.yaml', svc('"80"'));
    assert.deepEqual(l.findings('s.yaml').map(brief), ['pair-rule error 7:7-7:17']);
  });

  it('a finding elsewhere in the object does not hide a schema finding', () => {
    const text = svc('0', '      nodePrt: 30080\n');
    assert.deepEqual(check({ 's.yaml': text }, QUIET).findings.map(brief), ['service-port-range error 7:13-7:14', 'schema-unknown-field warning 8:7-8:14']);
    const onItem: ObjectRule = { ...servicePortRange, id: 'item-rule', check: ({ report }) => report({ range: { start: { line: 5, character: 6 }, end: { line: 7, character: 20 } }, message: 'the whole port item' }) };
    const l = new Linter(undefined, { rules: [schemaUnknownField, onItem] });
    l.update('s.yaml', text);
    assert.deepEqual(l.findings('s.yaml').map(brief).sort(), ['item-rule error 6:7-8:21', 'schema-unknown-field warning 8:7-8:14']);
  });
});
