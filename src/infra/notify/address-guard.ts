import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless the operator allows private networks
 * (KPO_WEBHOOK_ALLOW_PRIVATE=true): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and documentation ranges. IPv4 rules
 * also match IPv4-mapped IPv6 addresses (::ffff:10.0.0.1).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address embedded in a NAT64 (64:ff9b::/96) address, if it is one. */
function nat64Embedded(address: string): string | null {
  const m = /^64:ff9b::(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i.exec(address);
  if (!m) return null;
  if (m[3]) return m[3];
  const hi = Number.parseInt(m[1] ?? '0', 16);
  const lo = Number.parseInt(m[2] ?? '0', 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** True when the address is loopback, private or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const embedded = nat64Embedded(bare);
    if (embedded) return blocked.check(embedded, 'ipv4');
    return blocked.check(bare, 'ipv6');
  }
  // Not an address at all: refuse rather than guess.
  return true;
}

export class BlockedAddressError extends Error {
  readonly code = 'address_not_allowed';
  constructor(host: string) {
    super(`${host} resolves to a loopback or private-network address, which webhooks may not call (KPO_WEBHOOK_ALLOW_PRIVATE).`);
  }
}

/** Why a webhook URL is refused before any network access, or null when it may be called. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs are allowed';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate) {
    if (isIP(host) !== 0 && isPrivateAddress(host)) return 'the address is loopback or private (KPO_WEBHOOK_ALLOW_PRIVATE)';
    if (host === 'localhost' || host.endsWith('.localhost')) return 'the address is loopback or private (KPO_WEBHOOK_ALLOW_PRIVATE)';
  }
  return null;
}
