import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrContains, isBroadcastAddress, isNetworkAddress, nthAddress, parseCIDR, parseIP, reservedKind } from '../../server/src/engine/k8s/ip';

const ip = (s: string) => {
  const p = parseIP(s);
  assert.ok(p, `${s} should parse`);
  return p;
};
const cidr = (s: string) => {
  const c = parseCIDR(s);
  assert.ok(c, `${s} should parse`);
  return c;
};

describe('IP parsing as the API server does it', () => {
  it('accepts IPv4 and IPv6, rejects hostnames, zones, hex and short forms', () => {
    assert.equal(ip('10.96.0.10').family, 'IPv4');
    assert.equal(ip('2001:DB8::1').canonical, '2001:db8::1');
    for (const bad of ['', 'None', 'example.com', '10.0.0', '10.0.0.256', '0x0a.0.0.1', '10.0.0.1/24', 'fe80::1%eth0', '12345::1', '1.2.3.4 ']) {
      assert.equal(parseIP(bad), undefined, bad);
    }
  });

  it('reads leading zeros as decimal and flags them, like the sloppy Go parser', () => {
    const p = ip('010.096.000.001');
    assert.equal(p.canonical, '10.96.0.1');
    assert.equal(p.nonStandard, 'leading zeros');
  });

  it('treats an IPv4-mapped IPv6 address as IPv4', () => {
    const p = ip('::ffff:10.96.0.5');
    assert.equal(p.family, 'IPv4');
    assert.equal(p.canonical, '10.96.0.5');
    assert.equal(p.nonStandard, 'IPv4-mapped IPv6');
  });

  it('parses CIDRs and notices host bits', () => {
    assert.equal(cidr('10.96.0.0/12').hostBitsSet, false);
    const c = cidr('10.0.0.1/24');
    assert.equal(c.hostBitsSet, true);
    assert.equal(c.canonical, '10.0.0.0/24');
    for (const bad of ['10.0.0.0', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/x', 'a/b/c', '/8']) assert.equal(parseCIDR(bad), undefined, bad);
  });

  it('answers membership, network and broadcast addresses', () => {
    const range = cidr('10.96.0.0/12');
    assert.ok(cidrContains(range, ip('10.111.255.254')));
    assert.ok(!cidrContains(range, ip('10.112.0.1')));
    assert.ok(!cidrContains(range, ip('fd00::1')));
    assert.ok(isNetworkAddress(range, ip('10.96.0.0')));
    assert.ok(isBroadcastAddress(range, ip('10.111.255.255')));
    assert.ok(!isBroadcastAddress(range, ip('10.111.255.254')));
    const v6 = cidr('fd00:10:96::/112');
    assert.ok(cidrContains(v6, ip('fd00:10:96::ffff')));
    assert.ok(!isBroadcastAddress(v6, ip('fd00:10:96::ffff')), 'IPv6 keeps its last address');
    assert.equal(nthAddress(range, 1).toString(), '10.96.0.1');
    assert.equal(nthAddress(cidr('10.0.0.0/8'), 256).toString(), '10.0.1.0');
  });

  it('knows the ranges externalIPs may not use', () => {
    assert.equal(reservedKind(ip('0.0.0.0')), 'unspecified');
    assert.equal(reservedKind(ip('::')), 'unspecified');
    assert.equal(reservedKind(ip('127.0.0.2')), 'loopback');
    assert.equal(reservedKind(ip('::1')), 'loopback');
    assert.equal(reservedKind(ip('169.254.1.1')), 'link-local');
    assert.equal(reservedKind(ip('fe80::1')), 'link-local');
    assert.equal(reservedKind(ip('224.0.0.251')), 'link-local multicast');
    assert.equal(reservedKind(ip('ff02::1')), 'link-local multicast');
    assert.equal(reservedKind(ip('239.1.1.1')), undefined);
    assert.equal(reservedKind(ip('ff05::1')), undefined);
    assert.equal(reservedKind(ip('203.0.113.10')), undefined);
  });
});
