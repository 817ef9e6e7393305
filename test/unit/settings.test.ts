import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings, SettingsProblem } from '../../server/src/engine/settings';

describe('settings', () => {
  it('defaults to the kubeadm cluster facts', () => {
    const s = normalizeSettings(undefined);
    assert.deepEqual(s.serviceCIDRs, ['10.96.0.0/12']);
    assert.deepEqual(s.nodePortRange, { min: 30000, max: 32767 });
    assert.equal(s.clusterDomain, 'cluster.local');
    assert.equal(s.defaultNamespace, 'default');
    assert.equal(s.serviceCIDRsConfigured, false);
  });

  it('accepts ranges and lists in their usual spellings', () => {
    const s = normalizeSettings({ nodePortRange: '20000-22767', serviceCIDRs: '10.0.0.0/16, fd00::/108', rules: { a: 'info', b: 'OFF' } });
    assert.deepEqual(s.nodePortRange, { min: 20000, max: 22767 });
    assert.deepEqual(s.serviceCIDRs, ['10.0.0.0/16', 'fd00::/108']);
    assert.equal(s.serviceCIDRsConfigured, true);
    assert.deepEqual(s.rules, { a: 'information', b: 'off' });
  });

  it('reports bad values and keeps the defaults instead of throwing', () => {
    const problems: SettingsProblem[] = [];
    const s = normalizeSettings({ nodePortRange: '32767-30000', serviceCIDRs: [], rules: { x: 'loud' } }, problems);
    assert.deepEqual(s.nodePortRange, DEFAULT_SETTINGS.nodePortRange);
    assert.deepEqual(s.serviceCIDRs, DEFAULT_SETTINGS.serviceCIDRs);
    assert.deepEqual(problems.map((p) => p.key), ['serviceCIDRs', 'nodePortRange', 'rules.x']);
  });
});
