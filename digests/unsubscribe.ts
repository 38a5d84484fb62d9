// Unsubscribe tokens: base64url(subscriptionId + '.' + hex HMAC-SHA256(secret, 'unsubscribe:' + id)).
// A token names one subscription and cannot be forged or altered without UNSUBSCRIBE_SECRET;
// it is verified in constant time.
//
// Without UNSUBSCRIBE_SECRET nothing is derived (no default or fallback key: a guessable key
// would let anyone unsubscribe anyone). Then:
//   - serving HTTP requires it: startHttp refuses to start the unsubscribe endpoint without it
//     (ConfigError → exit 2), so `silkwatch run` / `silkwatch serve` never serve links they cannot
//     check (`run --no-http`, `run --once`, `worker` and `scheduler` serve no HTTP and do not need it);
//   - a digest sent by a process without it carries no List-Unsubscribe header and its footer
//     says how to stop the digests instead (see `unsubscribeFooter`).
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, subscriptionId: number) => createHmac('sha256', secret).update(`unsubscribe:${subscriptionId}`).digest('hex');

export function signUnsubscribeToken(secret: string, subscriptionId: number): string {
  if (!Number.isSafeInteger(subscriptionId) || subscriptionId <= 0) throw new Error(`bad subscription id ${subscriptionId}`);
  return Buffer.from(`${subscriptionId}.${mac(secret, subscriptionId)}`, 'utf8').toString('base64url');
}

/** The subscription id a token names, or null when the token is malformed or its signature is wrong. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^([1-9]\d{0,15})\.([0-9a-f]{64})$/.exec(decoded);
  if (!match) return null;
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id)) return null;
  const expected = Buffer.from(mac(secret, id), 'hex');
  const given = Buffer.from(match[2], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export function unsubscribeUrl(publicBaseUrl: string, secret: string, subscriptionId: number): string {
  const url = new URL('unsubscribe', publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`);
  url.searchParams.set('token', signUnsubscribeToken(secret, subscriptionId));
  return url.toString();
}

/** What a digest says when no unsubscribe link can be built (UNSUBSCRIBE_SECRET unset). */
export const unsubscribeFooter = (subscriptionId: number, email: string) =>
  `To stop these digests, reply to this message or ask the operator of this silkwatch to run: silkwatch unsubscribe --email ${email} --id ${subscriptionId}`;
