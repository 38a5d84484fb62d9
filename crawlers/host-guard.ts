// Refuses hosts that resolve to private, loopback, link-local or metadata addresses, so a
// sources file or a redirect cannot make silkwatch probe the network it runs in
// (ALLOW_PRIVATE_HOSTS lists the exceptions, e.g. 127.0.0.1 for fixture sites).
//
// Two checks: `check(url)` before a request (fails early, with a clear message, and covers IP
// literals), and `lookup` — a drop-in for dns.lookup given to the socket — which checks the very
// addresses the connection then uses. The second one closes DNS rebinding: a name that resolved
// to a public address for `check` and to 10.0.0.1 a moment later is refused at connect time.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { PermanentError } from '../config/errors.js';

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
// No ::ffff:0:0/96 rule: BlockList already checks IPv4-mapped IPv6 addresses (::ffff:10.0.0.1)
// against the IPv4 rules above, and an IPv6 rule for that range would match every IPv4 address
// (BlockList checks IPv4 addresses against it as mapped ones), refusing the whole public Internet.
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** Resolves a host name to every address (the shape of dns.promises.lookup with `all: true`). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The callback-style lookup net.connect / http.request accept (`options.lookup`). */
export type SocketLookup = (
  hostname: string,
  options: { family?: number | string; all?: boolean } | number | undefined,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

export class HostGuard {
  private readonly allowed = new BlockList();
  private readonly allowedNames = new Set<string>();
  private readonly resolve: Resolver;

  /**
   * `resolve` replaces the system resolver (tests simulate a rebinding DNS with it); every
   * address check — before the request and at connect time — goes through it.
   */
  constructor(allowPrivateHosts: string[], opts: { resolve?: Resolver } = {}) {
    this.resolve = opts.resolve ?? systemResolver;
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

  private refusal(origin: string, host: string, address: string): PermanentError {
    return new PermanentError(`refused ${origin}: ${host} resolves to the private address ${address} (add it to ALLOW_PRIVATE_HOSTS to allow)`);
  }

  /** Resolves `host` and returns its addresses, or throws PermanentError if any of them is refused. */
  async addressesOf(host: string, origin = host): Promise<LookupAddress[]> {
    host = host.replace(/^\[|\]$/g, '').toLowerCase();
    const family = isIP(host);
    const addresses: LookupAddress[] = family ? [{ address: host, family }] : await this.resolve(host);
    if (this.allowedNames.has(host)) return addresses;
    const refused = addresses.find((a) => !this.isAllowed(a.address));
    if (refused) throw this.refusal(origin, host, refused.address);
    if (addresses.length === 0) throw Object.assign(new Error(`${host}: no address`), { code: 'ENOTFOUND' });
    return addresses;
  }

  /** Throws PermanentError when the URL's host is, or resolves to, a refused address. */
  async check(rawUrl: string): Promise<void> {
    const url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PermanentError(`refused ${rawUrl}: only http and https are fetched`);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.allowedNames.has(host)) return;
    await this.addressesOf(host, url.origin);
  }

  /**
   * For `http.request({ lookup })` / `net.connect({ lookup })`: resolves, refuses private
   * addresses (the error is a PermanentError, surfaced by the request), and hands the socket
   * exactly the addresses it checked. IP literals never reach a lookup; `check` covers them.
   */
  readonly lookup: SocketLookup = (hostname, options, callback) => {
    const opts = typeof options === 'number' ? { family: options } : (options ?? {});
    const wanted = opts.family === 'IPv4' || opts.family === 4 ? 4 : opts.family === 'IPv6' || opts.family === 6 ? 6 : 0;
    this.addressesOf(hostname).then(
      (all) => {
        const addresses = wanted ? all.filter((a) => a.family === wanted) : all;
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', undefined);
        } else if (opts.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', undefined),
    );
  };
}
