/**
 * Which platform addresses a desk may be pointed at. Staff type their passwords into the desk and
 * it sends them, and every resident record, to this address: over plain http only where nobody
 * between the desk and the platform can read it, which the desk can tell only from the address
 * itself. So http is allowed on loopback and on the clinic's own network (the private address
 * ranges, link-local included), written as an IP address; anywhere else, a host name included
 * (the desk cannot know where a name leads), https is required unless an administrator
 * explicitly allows plain http for that address.
 */

/** The WHATWG URL parser, present in every runtime this runs in (shared/ has no DOM or Node types). */
declare const URL: new (input: string) => {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  origin: string;
};

export const platformAddressErrors = [
  /** Not an address at all. */
  'platformAddress.invalid',
  /** Not http or https. */
  'platformAddress.scheme',
  /** A user name or password written into the address. */
  'platformAddress.credentials',
  /** Plain http to an address outside loopback and the clinic network, not explicitly allowed. */
  'platformAddress.httpsRequired',
  /** (The host's answer, not this rule's.) The environment or the web server fixes the platform. */
  'platformAddress.fixed',
] as const;
export type PlatformAddressError = (typeof platformAddressErrors)[number];

export type PlatformAddressCheck = { ok: true; origin: string } | { ok: false; code: PlatformAddressError };

/** Longest address accepted (a URL longer than this is a mistake or an attack). */
export const maxPlatformAddressLength = 2048;

/**
 * Checks an address typed for the platform; on success gives its origin (scheme, host, port),
 * which is all the desk uses: the paths it calls are its own.
 */
export function checkPlatformAddress(
  input: string,
  { allowInsecure = false }: { allowInsecure?: boolean } = {},
): PlatformAddressCheck {
  const text = input.trim();
  if (!text || text.length > maxPlatformAddressLength) return { ok: false, code: 'platformAddress.invalid' };
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'platformAddress.invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, code: 'platformAddress.scheme' };
  if (url.username || url.password) return { ok: false, code: 'platformAddress.credentials' };
  if (!url.hostname) return { ok: false, code: 'platformAddress.invalid' };
  if (url.protocol === 'http:' && !allowInsecure && !isLocalNetworkHost(url.hostname))
    return { ok: false, code: 'platformAddress.httpsRequired' };
  return { ok: true, origin: url.origin };
}

/**
 * Whether `hostname` (as a parsed URL gives it: IPv4 in dotted decimal, IPv6 in brackets) is on
 * this machine or the local network: loopback, `localhost`, the private IPv4 ranges 10/8,
 * 172.16/12 and 192.168/16, link-local 169.254/16, and IPv6 loopback, unique-local fc00::/7 and
 * link-local fe80::/10.
 */
export function isLocalNetworkHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (!host.startsWith('[') || !host.endsWith(']')) return false;
  const v6 = host.slice(1, -1);
  if (v6 === '::1') return true;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d, which URL writes in hex) is not unwrapped:
  // it must be typed as IPv4 to count as local.
  const first = Number.parseInt(v6.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}
