/**
 * Which hosts are not on the public internet: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, unspecified, multicast, reserved and similar addresses, and the
 * names that only ever mean this machine or a local network. Pure: no DNS here (nodes may not
 * import node:dns); see urlGuard.ts for how resolved names are checked.
 */

type Range = [prefix: number[], bits: number, what: string];

const IPV4_RANGES: Range[] = [
	[[0, 0, 0, 0], 8, 'an unspecified ("this network") address'],
	[[10, 0, 0, 0], 8, 'a private address'],
	[[100, 64, 0, 0], 10, 'a shared (carrier-grade NAT) address'],
	[[127, 0, 0, 0], 8, 'a loopback address'],
	[[169, 254, 0, 0], 16, 'a link-local address'],
	[[172, 16, 0, 0], 12, 'a private address'],
	[[192, 0, 0, 0], 24, 'a reserved (IETF protocol) address'],
	[[192, 0, 2, 0], 24, 'a documentation address'],
	[[192, 88, 99, 0], 24, 'a reserved (6to4 relay) address'],
	[[192, 168, 0, 0], 16, 'a private address'],
	[[198, 18, 0, 0], 15, 'a benchmarking address'],
	[[198, 51, 100, 0], 24, 'a documentation address'],
	[[203, 0, 113, 0], 24, 'a documentation address'],
	[[224, 0, 0, 0], 4, 'a multicast address'],
	[[240, 0, 0, 0], 4, 'a reserved or broadcast address'],
];

/** IPv6 ranges as 16 bytes; ranges that embed an IPv4 address are handled in ipv6Kind. */
const IPV6_RANGES: Range[] = [
	[[0x00, 0x64, 0xff, 0x9b, 0, 1], 48, 'a local-use NAT64 address'],
	[[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'a discard-only address'],
	[[0x20, 0x01, 0, 0], 32, 'a Teredo tunnel address'],
	[[0x20, 0x01, 0x0d, 0xb8], 32, 'a documentation address'],
	[[0xfc], 7, 'a unique-local address'],
	[[0xfe, 0x80], 10, 'a link-local address'],
	[[0xfe, 0xc0], 10, 'a site-local address'],
	[[0xff], 8, 'a multicast address'],
];

/** Names that mean this machine or a local network (RFC 6761, RFC 6762 appendix G, RFC 8375, ICANN's .internal). */
const LOCAL_NAME_SUFFIXES = [
	'localhost',
	'localdomain',
	'local',
	'internal',
	'intranet',
	'private',
	'corp',
	'home',
	'lan',
	'home.arpa',
];

function inRange(bytes: number[], [prefix, bits]: Range): boolean {
	for (let bit = 0; bit < bits; bit += 8) {
		const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
		if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
	}
	return true;
}

/** Dotted-quad IPv4 (the form URLs and DNS answers use), else undefined. */
function parseIpv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const bytes = parts.map(Number);
	return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function hextets(groups: string[]): number[] | undefined {
	const values: number[] = [];
	for (const group of groups) {
		if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
		values.push(parseInt(group, 16));
	}
	return values;
}

/** IPv6 text (no brackets; a zone ID is ignored) as 16 bytes, else undefined. */
export function parseIpv6(text: string): number[] | undefined {
	let address = text.toLowerCase().split('%')[0];
	let tail: number[] = [];
	const lastColon = address.lastIndexOf(':');
	if (lastColon !== -1 && address.slice(lastColon + 1).includes('.')) {
		const ipv4 = parseIpv4(address.slice(lastColon + 1));
		if (!ipv4) return undefined;
		tail = [(ipv4[0] << 8) | ipv4[1], (ipv4[2] << 8) | ipv4[3]];
		address = address.slice(0, lastColon);
		if (address.endsWith(':')) address += ':'; // "::1.2.3.4" and "1::1.2.3.4" keep their "::"
	}
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const head = halves[0] === '' ? [] : hextets(halves[0].split(':'));
	const rest = halves.length === 2 && halves[1] !== '' ? hextets(halves[1].split(':')) : [];
	if (!head || !rest) return undefined;
	const given = head.length + rest.length + tail.length;
	if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
	const words = [...head, ...new Array<number>(8 - given).fill(0), ...rest, ...tail];
	return words.flatMap((word) => [word >> 8, word & 0xff]);
}

function ipv4Kind(bytes: number[]): string | undefined {
	return IPV4_RANGES.find((range) => inRange(bytes, range))?.[2];
}

function ipv6Kind(bytes: number[]): string | undefined {
	const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
	if (zeros(0, 15) && bytes[15] === 0) return 'an unspecified address';
	if (zeros(0, 15) && bytes[15] === 1) return 'a loopback address';
	// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d)
	// addresses reach the IPv4 address they carry; so does 6to4 (2002:aabb:ccdd::).
	const mapped = zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff;
	const nat64 = inRange(bytes, [[0x00, 0x64, 0xff, 0x9b], 96, '']);
	if (mapped || zeros(0, 12) || nat64) return ipv4Kind(bytes.slice(12, 16));
	if (bytes[0] === 0x20 && bytes[1] === 0x02) return ipv4Kind(bytes.slice(2, 6));
	return IPV6_RANGES.find((range) => inRange(bytes, range))?.[2];
}

/** What kind of non-public address an IP (v4 or v6 text) is, or undefined when it is public. */
export function nonPublicAddressKind(ip: string): string | undefined {
	const ipv4 = parseIpv4(ip);
	if (ipv4) return ipv4Kind(ipv4);
	const ipv6 = parseIpv6(ip);
	return ipv6 ? ipv6Kind(ipv6) : undefined;
}

export function isIpLiteral(hostname: string): boolean {
	const bare = hostname.replace(/^\[(.*)\]$/, '$1');
	return parseIpv4(bare) !== undefined || parseIpv6(bare) !== undefined;
}

/**
 * Why a URL's hostname (as `new URL()` gives it: IPv6 in brackets, IPv4 in dotted form) is not a
 * public internet host, or undefined when nothing in the name itself says so.
 */
export function nonPublicHostKind(hostname: string): string | undefined {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	const bare = host.replace(/^\[(.*)\]$/, '$1');
	if (isIpLiteral(host)) return nonPublicAddressKind(bare);
	if (!host.includes('.')) {
		return host === 'localhost'
			? 'this machine'
			: 'a single-label name, which only a local network resolves';
	}
	const suffix = LOCAL_NAME_SUFFIXES.find((name) => host === name || host.endsWith(`.${name}`));
	return suffix ? `a local-network name (.${suffix})` : undefined;
}
