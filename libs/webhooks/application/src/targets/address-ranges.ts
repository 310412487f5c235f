import { BlockList, isIP } from 'node:net';

/** Where an address points: receivers must be public unless the settings allow a range. */
export const ADDRESS_RANGES = ['loopback', 'private', 'link-local', 'public'] as const;
export type AddressRange = (typeof ADDRESS_RANGES)[number];

const blockList = (ipv4: string[], ipv6: string[]): BlockList => {
  const list = new BlockList();
  for (const subnet of ipv4) list.addSubnet(subnet.split('/')[0], Number(subnet.split('/')[1]), 'ipv4');
  for (const subnet of ipv6) list.addSubnet(subnet.split('/')[0], Number(subnet.split('/')[1]), 'ipv6');
  return list;
};

// 0.0.0.0 and :: reach the local host on most systems: they count as loopback.
const LOOPBACK = blockList(['127.0.0.0/8', '0.0.0.0/8'], ['::1/128', '::/128']);
// RFC 1918, carrier-grade NAT (RFC 6598), IPv6 unique local (fc00::/7).
const PRIVATE = blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'], ['fc00::/7']);
// Link-local, where cloud metadata services answer (169.254.169.254).
const LINK_LOCAL = blockList(['169.254.0.0/16'], ['fe80::/10']);

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is. */
const unmapped = (address: string): string => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
};

/** The range of an IP address (v4 or v6); throws on a string that is not one. */
export const addressRangeOf = (address: string): AddressRange => {
  const ip = unmapped(address.replace(/^\[|\]$/g, ''));
  const family = isIP(ip);
  if (family === 0) throw new TypeError(`"${address}" is not an IP address`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  if (PRIVATE.check(ip, type)) return 'private';
  if (LINK_LOCAL.check(ip, type)) return 'link-local';
  return 'public';
};
