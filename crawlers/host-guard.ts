// Refuses hosts that resolve to private, loopback, link-local or metadata addresses, so a
// sources file or a redirect cannot make silkwatch probe the network it runs in
// (ALLOW_PRIVATE_HOSTS lists the exceptions, e.g. 127.0.0.1 for fixture sites).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { PermanentError } from '../config/errors.js';

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

export class HostGuard {
  private readonly allowed = new BlockList();
  private readonly allowedNames = new Set<string>();

  constructor(allowPrivateHosts: string[]) {
    for (const entry of allowPrivateHosts) {
      const [address, bits] = entry.split('/');
      const family = isIP(address);
      if (family === 0) this.allowedNames.add(address.toLowerCase());
      else if (bits === undefined) this.allowed.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
      else this.allowed.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  private isAllowed(address: string): boolean {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    return !PRIVATE.check(address, family) || this.allowed.check(address, family);
  }

  /** Throws PermanentError when the URL's host is, or resolves to, a refused address. */
  async check(rawUrl: string): Promise<void> {
    const url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PermanentError(`refused ${rawUrl}: only http and https are fetched`);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.allowedNames.has(host)) return;
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    const refused = addresses.find((address) => !this.isAllowed(address));
    if (refused) {
      throw new PermanentError(`refused ${url.origin}: ${host} resolves to the private address ${refused} (add it to ALLOW_PRIVATE_HOSTS to allow)`);
    }
  }
}
