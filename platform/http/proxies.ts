/**
 * Which reverse proxies may tell the platform a client's address (`X-Forwarded-For`). Only
 * requests arriving from a listed address have the header read, and then only up to the first
 * address that is not a listed proxy: a client that writes its own `X-Forwarded-For` cannot choose
 * the address that rate limits, sign-in throttles and the audit trail see.
 */
import { isIP } from 'node:net';

/** Names proxy-addr (fastify's `trustProxy`) understands for whole ranges. */
const rangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is an IP address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a range name. */
export function isProxyEntry(entry: string): boolean {
  if (rangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * The proxies listed in `text` (comma-separated addresses, CIDR ranges or `loopback`,
 * `linklocal`, `uniquelocal`); an empty or blank text lists none.
 * @throws naming the first entry that is none of these
 */
export function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isProxyEntry(entry));
  if (bad !== undefined)
    throw new Error(
      `CLINICDESK_TRUSTED_PROXIES: "${bad}" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal.`,
    );
  return entries;
}

/**
 * The trusted proxies of the environment: CLINICDESK_TRUSTED_PROXIES. The older switch
 * CLINICDESK_TRUST_PROXY=1 trusted the header from anyone; alone, it now stops the start rather
 * than quietly trusting nobody (every client would then share the proxy's address, and one
 * guesser could get the whole district's address refused).
 * @throws for an invalid list, or CLINICDESK_TRUST_PROXY=1 without a list
 */
export function trustedProxiesFromEnv(env: Record<string, string | undefined>): string[] {
  const listed = parseTrustedProxies(env.CLINICDESK_TRUSTED_PROXIES ?? '');
  if (!listed.length && env.CLINICDESK_TRUST_PROXY === '1')
    throw new Error(
      'CLINICDESK_TRUST_PROXY=1 trusted X-Forwarded-For from any address, so any client could choose ' +
        'its own; list the proxies instead, e.g. CLINICDESK_TRUSTED_PROXIES=10.0.0.5 or 10.0.0.0/24.',
    );
  return listed;
}
