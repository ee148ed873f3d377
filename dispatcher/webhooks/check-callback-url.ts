import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Address ranges a webhook must not reach unless configuration allows it (SSRF into our own network). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of any IPv4, possibly private
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local, multicast and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped !== null) return PRIVATE.check(mapped[1] as string, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return true;
}

export type HostResolver = (host: string) => Promise<string[]>;

const resolveHost: HostResolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Why `url` is not an acceptable webhook target, or undefined when it is: http or https only, no
 * credentials, and (unless `allowPrivate`) a host whose every resolved address is public. Checked when a
 * submission is accepted and again before each attempt (DNS may change in between).
 */
export async function checkCallbackUrl(
  url: string,
  options: { allowPrivate: boolean; resolve?: HostResolver },
): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http and https URLs are accepted';
  if (parsed.username !== '' || parsed.password !== '') return 'URLs with credentials are not accepted';
  if (options.allowPrivate) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) !== 0 ? [host] : await (options.resolve ?? resolveHost)(host);
  } catch {
    return `the host ${host} cannot be resolved`;
  }
  if (addresses.length === 0) return `the host ${host} cannot be resolved`;
  if (addresses.some(isPrivateAddress)) return `the host ${host} is on a loopback, private or link-local network`;
  return undefined;
}
