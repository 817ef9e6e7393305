// package.json is the extension manifest: keep it in sync with the settings module and the server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, formatPortRange, normalizeSettings, SETTING_KEYS } from '../../server/src/engine/settings';
import { repoPath } from '../support/repo';

const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));
const props: Record<string, { default: unknown; markdownDescription?: string; description?: string }> = pkg.contributes.configuration.properties;

describe('extension manifest', () => {
  it('contributes exactly the settings the server understands, each with a description', () => {
    assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `kubeServiceLens.${k}`).sort());
    for (const [key, p] of Object.entries(props)) assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, `${key} needs a description`);
  });

  it('declares the same defaults as the settings module', () => {
    const fromManifest = Object.fromEntries(Object.entries(props).map(([k, p]) => [k.replace('kubeServiceLens.', ''), p.default]));
    const s = normalizeSettings(fromManifest);
    assert.deepEqual(s.serviceCIDRs, DEFAULT_SETTINGS.serviceCIDRs);
    assert.equal(fromManifest.nodePortRange, formatPortRange(DEFAULT_SETTINGS.nodePortRange));
    assert.equal(s.clusterDomain, DEFAULT_SETTINGS.clusterDomain);
    assert.equal(s.defaultNamespace, DEFAULT_SETTINGS.defaultNamespace);
    assert.deepEqual(s.limits, DEFAULT_SETTINGS.limits);
  });

  it('activates on YAML, works in untrusted workspaces and ships the bundles', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.main, './client/out/extension.js');
    assert.equal(pkg.bin['kube-service-lens'], 'server/out/cli.js');
  });
});
