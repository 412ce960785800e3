import dns from 'node:dns';
import net from 'node:net';

/**
 * SSRF protection for webhook deliveries. Every address a host name resolves to is checked, the
 * connection goes to the checked address (the http agent's `lookup` returns it: no second DNS
 * answer can swap it), and redirects are never followed.
 */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'reserved';

const V4: Array<[string, number, AddressKind]> = [
  ['169.254.169.254', 32, 'metadata'],
  ['0.0.0.0', 8, 'reserved'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6: Array<[string, number, AddressKind]> = [
  ['fd00:ec2::254', 128, 'metadata'],
  ['::', 128, 'reserved'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'reserved'],
  ['ff00::', 8, 'multicast'],
];

function lists(table: Array<[string, number, AddressKind]>, family: 'ipv4' | 'ipv6') {
  return table.map(([address, prefix, kind]) => {
    const list = new net.BlockList();
    list.addSubnet(address, prefix, family);
    return { list, kind, family };
  });
}
const V4_LISTS = lists(V4, 'ipv4');
const V6_LISTS = lists(V6, 'ipv6');

/** The eight 16-bit groups of an IPv6 address. */
function groups(address: string): number[] | undefined {
  let text =
    address
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .split('%')[0] ?? '';
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [a, b, c, d] = v4[1].split('.').map(Number) as [number, number, number, number];
    text =
      text.slice(0, -v4[1].length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = text.includes('::') ? 8 - left.length - right.length : 0;
  const all = [...left, ...Array(fill).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
  return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : undefined;
}

/** The IPv4 address inside IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64 and 6to4 forms. */
function embeddedV4(g: number[]): string | undefined {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && g[5] === 0xffff) return v4(g[6] ?? 0, g[7] ?? 0);
  if (zeros(6) && ((g[6] ?? 0) !== 0 || (g[7] ?? 0) > 1)) return v4(g[6] ?? 0, g[7] ?? 0);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return v4(g[6] ?? 0, g[7] ?? 0);
  }
  if (g[0] === 0x2002) return v4(g[1] ?? 0, g[2] ?? 0);
  return undefined;
}

/**
 * An address's kind never changes: the last few hundred are remembered, since every delivery
 * checks its address again (about 0.2 ms each through the block lists).
 */
const known = new Map<string, AddressKind>();

export function classifyAddress(address: string): AddressKind {
  let kind = known.get(address);
  if (kind === undefined) {
    kind = classifyUncached(address);
    if (known.size >= 500) known.delete(known.keys().next().value as string);
    known.set(address, kind);
  }
  return kind;
}

function classifyUncached(address: string): AddressKind {
  const bare = address.replace(/^\[|\]$/g, '');
  if (net.isIPv4(bare)) {
    return V4_LISTS.find((l) => l.list.check(bare, 'ipv4'))?.kind ?? 'public';
  }
  const g = groups(bare);
  if (!g) return 'reserved';
  const inner = embeddedV4(g);
  if (inner) return classifyAddress(inner);
  const normal = g.map((x) => x.toString(16)).join(':');
  return V6_LISTS.find((l) => l.list.check(normal, 'ipv6'))?.kind ?? 'public';
}

export interface GuardOptions {
  /** ALLOW_HTTP_LOOPBACK_ISSUER: loopback addresses (and http to them) for tests and demos. */
  allowLoopback: boolean;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: private and CGNAT ranges. Metadata and link-local never. */
  allowPrivate: boolean;
}

const KIND_WORDS: Record<AddressKind, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private-network address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

/** Why an address may not be called, or undefined when it may. */
export function refusal(address: string, options: GuardOptions): string | undefined {
  const kind = classifyAddress(address);
  if (kind === 'public') return undefined;
  if (kind === 'loopback' && options.allowLoopback) return undefined;
  if (kind === 'private' && options.allowPrivate) return undefined;
  const hint =
    kind === 'private'
      ? ' (set WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 to allow private networks)'
      : kind === 'loopback'
        ? ' (allowed only with ALLOW_HTTP_LOOPBACK_ISSUER=1, for tests and demos)'
        : '';
  return `${address} is ${KIND_WORDS[kind]}: webhooks are not sent there${hint}.`;
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;

export const systemResolver: Resolver = async (host) => {
  const answers = await dns.promises.lookup(host, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export class AddressRefused extends Error {}

/**
 * Resolves `host` and checks every answer: one refused address refuses the host (a name that
 * answers both a public and a private address could be steered to the private one).
 */
export async function resolveChecked(
  host: string,
  resolver: Resolver,
  options: GuardOptions,
): Promise<{ address: string; family: 4 | 6 }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const answers = net.isIP(bare)
    ? [{ address: bare, family: (net.isIPv6(bare) ? 6 : 4) as 4 | 6 }]
    : await resolver(bare).catch((error: Error) => {
        throw new AddressRefused(`${host} could not be resolved (${error.message.slice(0, 80)}).`);
      });
  if (answers.length === 0) throw new AddressRefused(`${host} has no address.`);
  for (const answer of answers) {
    const why = refusal(answer.address, options);
    if (!why) continue;
    const literal = net.isIP(bare) !== 0;
    throw new AddressRefused(
      literal ? why : `${host} resolves to ${why.replace(/^(\S+) is /, '$1, ')}`,
    );
  }
  return answers[0] as { address: string; family: 4 | 6 };
}
