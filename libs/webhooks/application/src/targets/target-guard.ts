import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import { isIP, type LookupFunction } from 'node:net';
import { addressRangeOf } from './address-ranges';
import type { AllowedPrivateRange } from '../settings/webhooks-settings';

/** A receiver URL refused because of where it points (400 at the API, a failed attempt at delivery). */
export class TargetRefused extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'TargetRefused';
  }
}

const lookupAll = promisify(dnsLookup) as unknown as (host: string, options: { all: true }) => Promise<LookupAddress[]>;

/**
 * Keeps receivers out of the loopback, private and link-local ranges (the platform must not become a way into its
 * own network) unless the settings allow a range. The host is resolved and every address checked, at subscription
 * and again when each attempt connects (`lookup`), so a name that later resolves inward is refused too.
 */
export class TargetGuard {
  constructor(private readonly allowed: ReadonlySet<AllowedPrivateRange>) {}

  /** Refuses (TargetRefused) a URL whose host is, or resolves to, an address of a range not allowed. */
  async check(url: string): Promise<void> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return this.checkLiteral(host);
    const addresses = await this.resolve(host);
    for (const address of addresses) this.refuseUnlessAllowed(host, address);
  }

  /** Refuses an IP literal of a range not allowed (connections to a literal skip `lookup`); a name passes here. */
  checkLiteral(host: string): void {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare)) this.refuseUnlessAllowed(bare, bare);
  }

  /** For http.request: resolves as usual, then refuses the connection to an address of a range not allowed. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      try {
        for (const { address } of addresses) this.refuseUnlessAllowed(hostname, address);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };

  private async resolve(host: string): Promise<string[]> {
    try {
      return (await lookupAll(host, { all: true })).map(({ address }) => address);
    } catch {
      throw new TargetRefused(`The host ${host} does not resolve`);
    }
  }

  private refuseUnlessAllowed(host: string, address: string): void {
    const range = addressRangeOf(address);
    if (range === 'public' || this.allowed.has(range)) return;
    const resolved = host === address ? '' : ` (${host} resolves to ${address})`;
    throw new TargetRefused(`The url points to a ${range} address${resolved}: receivers must be public unless ITSM_WEBHOOKS_ALLOW_PRIVATE allows ${range}`);
  }
}
