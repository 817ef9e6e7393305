import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DNS1035_LABEL_MSG,
  DNS1123_LABEL_MSG,
  DNS1123_SUBDOMAIN_MSG,
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  ianaSvcNameErrors,
  labelKeyErrors,
  labelValueErrors,
  qualifiedNameErrors,
} from '../../server/src/engine/k8s/names';

describe('k8s name grammars', () => {
  it('words the DNS messages as apimachinery does (double space before "or")', () => {
    assert.equal(
      DNS1123_LABEL_MSG,
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
    assert.ok(DNS1035_LABEL_MSG.endsWith("(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"));
    assert.ok(DNS1123_SUBDOMAIN_MSG.includes("(e.g. 'example.com', regex used"));
  });

  it('DNS-1123 labels: digits first are fine, dots and uppercase are not', () => {
    assert.deepEqual(dns1123LabelErrors('8080'), []);
    assert.deepEqual(dns1123LabelErrors('my--port'), []);
    assert.deepEqual(dns1123LabelErrors('1web'), []);
    assert.deepEqual(dns1123LabelErrors('a.b'), ['must not contain dots']);
    assert.deepEqual(dns1123LabelErrors('Web'), [DNS1123_LABEL_MSG]);
    assert.deepEqual(dns1123LabelErrors('-a'), [DNS1123_LABEL_MSG]);
    assert.deepEqual(dns1123LabelErrors('a'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(dns1123LabelErrors(''), [DNS1123_LABEL_MSG]);
  });

  it('DNS-1035 labels need a leading letter', () => {
    assert.deepEqual(dns1035LabelErrors('web-1'), []);
    assert.deepEqual(dns1035LabelErrors('1web'), [DNS1035_LABEL_MSG]);
  });

  it('DNS-1123 subdomains: IPv4 literals pass, trailing dots and underscores do not', () => {
    assert.deepEqual(dns1123SubdomainErrors('1.2.3.4'), []);
    assert.deepEqual(dns1123SubdomainErrors('db.example.com'), []);
    assert.deepEqual(dns1123SubdomainErrors('db.example.com.'), [DNS1123_SUBDOMAIN_MSG]);
    assert.deepEqual(dns1123SubdomainErrors('my_db.example.com'), [DNS1123_SUBDOMAIN_MSG]);
    assert.equal(dns1123SubdomainErrors('a.'.repeat(127) + 'a').length, 1);
  });

  it('IANA service names: one message per failed check, in the server order', () => {
    assert.deepEqual(ianaSvcNameErrors('http'), []);
    assert.deepEqual(ianaSvcNameErrors('grpc-web'), []);
    assert.deepEqual(ianaSvcNameErrors('8080'), ['must contain at least one letter (a-z)']);
    assert.deepEqual(ianaSvcNameErrors('my--port'), ['must not contain consecutive hyphens']);
    assert.deepEqual(ianaSvcNameErrors('Http'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
    assert.deepEqual(ianaSvcNameErrors('-a-very-long-port-'), ['must be no more than 15 characters', 'must not begin or end with a hyphen']);
  });

  it('qualified names: prefix must be a lowercase subdomain, name may be mixed case', () => {
    assert.deepEqual(qualifiedNameErrors('HTTP'), []);
    assert.deepEqual(qualifiedNameErrors('kubernetes.io/h2c'), []);
    assert.deepEqual(qualifiedNameErrors('example.com/My_Name.v1'), []);
    assert.deepEqual(qualifiedNameErrors('Bad/x'), [`prefix part ${DNS1123_SUBDOMAIN_MSG}`]);
    assert.deepEqual(qualifiedNameErrors('/x'), ['prefix part must be non-empty']);
    assert.equal(qualifiedNameErrors('a/b/c').length, 1);
    assert.ok(qualifiedNameErrors('a/b/c')[0]!.startsWith('a qualified name must consist of'));
    assert.deepEqual(qualifiedNameErrors('x/').slice(0, 1), ['name part must be non-empty']);
    assert.ok(qualifiedNameErrors('has space')[0]!.startsWith("name part must consist of alphanumeric characters, '-', '_' or '.'"));
    assert.deepEqual(labelKeyErrors('a'.repeat(64)), ['name part must be no more than 63 bytes']);
  });

  it('label values: empty is fine, 63 bytes at most', () => {
    assert.deepEqual(labelValueErrors(''), []);
    assert.deepEqual(labelValueErrors('My_value.1'), []);
    assert.deepEqual(labelValueErrors('a'.repeat(64)), ['must be no more than 63 bytes']);
    assert.equal(labelValueErrors('-x').length, 1);
    assert.equal(labelValueErrors('a b').length, 1);
  });
});
