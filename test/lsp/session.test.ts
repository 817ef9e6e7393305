// The session's document models (the syntax trees features such as hover read): fresh after every
// edit, shared with validation, and never a reason to freeze the server on a large document.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYNC_PARSE_MAX_CHARS } from '../../server/src/lsp/session';
import { InProcessServer, startInProcess } from '../support/inProcessServer';

const SERVICE = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {ports: [{port: 80}]}\n`;

describe('document models', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startInProcess();
  });
  after(async () => server.dispose());

  async function until(predicate: () => boolean): Promise<void> {
    for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(predicate());
  }

  it('follows edits: the model after a change is the new text, not the first one', async () => {
    const uri = 'file:///models/small.yaml';
    void server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: SERVICE('first') } });
    await until(() => server.session.documents.get(uri) !== undefined);
    assert.equal(server.session.documentModel(uri)?.objects[0]?.resource.name, 'first');
    void server.client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: SERVICE('second') }] });
    await until(() => server.session.documents.get(uri)?.version === 2);
    const model = server.session.documentModel(uri);
    assert.equal(model?.version, 2);
    assert.equal(model?.objects[0]?.resource.name, 'second');
  });

  it('shares the parse of validation, and does not parse a large document on request before validation has', async () => {
    const uri = 'file:///models/large.yaml';
    const text = Array.from({ length: 3000 }, (_, i) => SERVICE(`s${i}`)).join('---\n');
    assert.ok(text.length > SYNC_PARSE_MAX_CHARS);
    void server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await until(() => server.session.documents.get(uri) !== undefined);
    assert.equal(server.session.documentModel(uri), undefined, 'no synchronous parse of a large document');
    await server.session.idle();
    const model = server.session.documentModel(uri);
    assert.equal(model?.version, 1);
    assert.equal(model?.objects.length, 3000);
    assert.equal(server.session.documentModel(uri), model, 'the same model until the next edit');
  });
});
