// IP addresses and CIDRs as the API server reads them in Service fields: Go's "sloppy" parser of
// k8s.io/utils/net (leading zeros in IPv4 accepted and read as decimal, no zone, an IPv4-mapped
// IPv6 address counts as IPv4), with ipaddr.js doing the parsing and the arithmetic.
import * as ipaddr from 'ipaddr.js';

export type IPFamily = 'IPv4' | 'IPv6';
export type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface ParsedIP {
  addr: Address;
  family: IPFamily;
  /** The canonical spelling, e.g. `10.0.0.1` for `010.000.000.001`, `2001:db8::1` for `2001:DB8:0::1`. */
  canonical: string;
  /** Set when the text is accepted only with a warning (§9 W1) and rejected from 1.36 (StrictIPCIDRValidation). */
  nonStandard?: 'leading zeros' | 'IPv4-mapped IPv6';
}

export interface ParsedCIDR {
  /** The address as written (host bits possibly set). */
  addr: Address;
  prefix: number;
  family: IPFamily;
  /** The network address, host bits cleared. */
  network: Address;
  canonical: string;
  /** `10.0.0.1/24`: accepted with a warning ("ambiguous"), rejected from 1.36. */
  hostBitsSet: boolean;
  nonStandard?: 'leading zeros' | 'IPv4-mapped IPv6';
}

const IPV4_SLOPPY = /^\d+\.\d+\.\d+\.\d+$/;

function parseIPv4Sloppy(text: string): { addr: ipaddr.IPv4; leadingZeros: boolean } | undefined {
  if (!IPV4_SLOPPY.test(text)) return undefined;
  const parts = text.split('.');
  const octets = parts.map((p) => Number(p));
  if (octets.some((o) => !Number.isInteger(o) || o > 255)) return undefined;
  // Normalised first: ipaddr.js would read `010` as octal, Go's sloppy parser reads it as ten.
  return { addr: ipaddr.IPv4.parse(octets.join('.')), leadingZeros: parts.some((p) => p.length > 1 && p.startsWith('0')) };
}

function parseIPv6(text: string): ipaddr.IPv6 | undefined {
  // Go accepts no zone (`%eth0`) and no hex group longer than four digits; ipaddr.js would.
  if (text.includes('%') || !text.includes(':')) return undefined;
  const hexPart = text.replace(/:\d+\.\d+\.\d+\.\d+$/, ':0:0');
  if (hexPart.split(':').some((g) => g.length > 4)) return undefined;
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  try {
    return ipaddr.IPv6.parse(text);
  } catch {
    return undefined;
  }
}

export function parseIP(text: string): ParsedIP | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  if (!text.includes(':')) {
    const v4 = parseIPv4Sloppy(text);
    if (!v4) return undefined;
    const ip: ParsedIP = { addr: v4.addr, family: 'IPv4', canonical: v4.addr.toString() };
    if (v4.leadingZeros) ip.nonStandard = 'leading zeros';
    return ip;
  }
  const v6 = parseIPv6(text);
  if (!v6) return undefined;
  if (v6.isIPv4MappedAddress()) {
    const v4 = v6.toIPv4Address();
    return { addr: v4, family: 'IPv4', canonical: v4.toString(), nonStandard: 'IPv4-mapped IPv6' };
  }
  return { addr: v6, family: 'IPv6', canonical: v6.toString() };
}

export function parseCIDR(text: string): ParsedCIDR | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return undefined;
  const prefixText = text.slice(slash + 1);
  if (!/^\d+$/.test(prefixText)) return undefined;
  const ip = parseIP(text.slice(0, slash));
  if (!ip) return undefined;
  let prefix = Number(prefixText);
  // A mapped address's prefix counts IPv6 bits; as IPv4 it loses the 96-bit head.
  if (ip.nonStandard === 'IPv4-mapped IPv6') prefix -= 96;
  const bits = ip.family === 'IPv4' ? 32 : 128;
  if (prefix < 0 || prefix > bits) return undefined;
  const network = maskedAddress(ip.addr, prefix, false);
  const cidr: ParsedCIDR = {
    addr: ip.addr,
    prefix,
    family: ip.family,
    network,
    canonical: `${network.toString()}/${prefix}`,
    hostBitsSet: network.toString() !== ip.addr.toString(),
  };
  if (ip.nonStandard) cidr.nonStandard = ip.nonStandard;
  return cidr;
}

/** The address with its host bits (past `prefix`) all cleared, or all set. */
function maskedAddress(addr: Address, prefix: number, hostBits: boolean): Address {
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    const b = bytes[i] ?? 0;
    bytes[i] = hostBits ? (b & mask) | (~mask & 0xff) : b & mask;
  }
  return ipaddr.fromByteArray(bytes) as Address;
}

export function cidrContains(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  if (cidr.family !== ip.family) return false;
  return cidr.family === 'IPv4'
    ? (ip.addr as ipaddr.IPv4).match(cidr.network as ipaddr.IPv4, cidr.prefix)
    : (ip.addr as ipaddr.IPv6).match(cidr.network as ipaddr.IPv6, cidr.prefix);
}

/** The first address of the range: never allocatable. */
export function isNetworkAddress(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  return cidr.family === ip.family && cidr.network.toString() === ip.addr.toString();
}

/** The last address of an IPv4 range: never allocatable (IPv6 ranges keep theirs). */
export function isBroadcastAddress(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  return cidr.family === 'IPv4' && ip.family === 'IPv4' && cidr.prefix < 32 && maskedAddress(cidr.network, cidr.prefix, true).toString() === ip.addr.toString();
}

/** The n-th address of the range (0 = network address). */
export function nthAddress(cidr: ParsedCIDR, n: number): Address {
  const bytes = cidr.network.toByteArray();
  let carry = n;
  for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
    const sum = (bytes[i] ?? 0) + (carry % 256);
    bytes[i] = sum % 256;
    carry = Math.floor(carry / 256) + Math.floor(sum / 256);
  }
  return ipaddr.fromByteArray(bytes) as Address;
}

/** The special ranges that `spec.externalIPs` may not use (S-EIP-2..5), or undefined. */
export type ReservedKind = 'unspecified' | 'loopback' | 'link-local' | 'link-local multicast';

export function reservedKind(ip: ParsedIP): ReservedKind | undefined {
  const b = ip.addr.toByteArray();
  if (b.every((x) => x === 0)) return 'unspecified';
  if (ip.family === 'IPv4') {
    if (b[0] === 127) return 'loopback';
    if (b[0] === 169 && b[1] === 254) return 'link-local';
    if (b[0] === 224 && b[1] === 0 && b[2] === 0) return 'link-local multicast';
    return undefined;
  }
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'loopback';
  if (b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80) return 'link-local';
  // Go's IsLinkLocalMulticast: ff02::/16 and every flag variant (ff12::, ff32:: …) of scope 2.
  if (b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02) return 'link-local multicast';
  return undefined;
}
