// Files created and deleted in the workspace (through VS Code's file system, as a user or a git
// checkout would) reach the server through its file watcher, and other files' diagnostics follow.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import { BROKEN_SERVICES } from '../expectations';
import { activateExtension } from './features';
import { closeAllEditors, deleteFile, describeDiagnostic, fileUri, hasRule, lacksRule, openFile, ruleOf, waitForDiagnostics, writeFile } from './util';

const CONFIG = '.kube-service-lens.yaml';
const CREATED = ['created-service.yaml', 'lonely-deployment.yaml', CONFIG];

describe('workspace files', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    for (const f of CREATED) await deleteFile(f);
    await closeAllEditors();
  });
  after(async () => {
    for (const f of CREATED) await deleteFile(f);
  });

  it('a .kube-service-lens.yaml created in the workspace reconfigures the other files; deleting it restores them', async () => {
    const broken = fileUri(BROKEN_SERVICES);
    await waitForDiagnostics(broken, hasRule('service-type'), 'service-type on broken-services.yaml');

    await writeFile(CONFIG, 'rules:\n  service-type: "off"\n');
    const ds = await waitForDiagnostics(broken, (d) => lacksRule('service-type')(d) && d.length > 0, 'service-type switched off by the config file');
    assert.ok(ds.some((d) => ruleOf(d) === 'service-protocol'), `other rules keep reporting: ${ds.map(describeDiagnostic).join(', ')}`);

    await deleteFile(CONFIG);
    await waitForDiagnostics(broken, hasRule('service-type'), 'service-type back after the config file is deleted');
  });

  it('a manifest created on disk is reported without being opened; deleting it clears its diagnostics', async () => {
    const uri = await writeFile(
      'created-service.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: created\nspec:\n  ports:\n    - port: 80\n      protocol: tcp\n',
    );
    const ds = await waitForDiagnostics(uri, hasRule('service-protocol'), 'service-protocol on the new file');
    const d = ds.find((x) => ruleOf(x) === 'service-protocol')!;
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [7, 16, 19]);

    await deleteFile('created-service.yaml');
    await waitForDiagnostics(uri, (x) => x.length === 0, 'no diagnostics for the deleted file');
  });

  it('creating a Deployment the Service selects clears selector-matches-nothing in the Service’s file; deleting it brings it back', async function () {
    const rule = 'selector-matches-nothing';
    const service = fileUri('lonely-service.yaml');
    await openFile('lonely-service.yaml');
    await waitForDiagnostics(service, hasRule(rule), `${rule} on lonely-service.yaml`);

    await writeFile(
      'lonely-deployment.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: lonely',
        'spec:',
        '  selector:',
        '    matchLabels:',
        '      app: lonely',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: lonely',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: registry.example.com/web:1.0',
        '          ports:',
        '            - containerPort: 8080',
        '',
      ].join('\n'),
    );
    await waitForDiagnostics(service, lacksRule(rule), `${rule} gone once lonely-deployment.yaml exists`);

    await deleteFile('lonely-deployment.yaml');
    await waitForDiagnostics(service, hasRule(rule), `${rule} back after lonely-deployment.yaml is deleted`);
  });
});
