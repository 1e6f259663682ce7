/**
 * Whether a URL the node is asked to download may be fetched: http(s) only, and (unless private
 * network URLs are allowed) only hosts on the public internet, because a URL may come from anyone,
 * an AI Agent's model included. urlFile.ts checks the URL as given and again every redirect.
 *
 * Covered:
 * - IP literals in every form `new URL()` accepts (decimal, hex, short IPv4; IPv4-mapped,
 *   IPv4-compatible, NAT64 and 6to4 IPv6), against the ranges in networkAddress.ts;
 * - names that only mean this machine or a local network (localhost, *.localhost, *.internal,
 *   *.local, *.home.arpa, …, single-label names);
 * - DNS names that resolve to such an address, where n8n gives nodes its egress filter
 *   (`helpers.getSecureEgressFilter`, n8n-workflow 2.28 and later): the name is resolved by n8n's
 *   own resolver, and every address must pass both n8n's blocked ranges (its N8N_SSRF_* settings,
 *   applied here even when N8N_SSRF_PROTECTION_ENABLED is off) and networkAddress.ts.
 * Not covered: the download resolves the name once more, so a DNS server that answers differently
 * the second time (DNS rebinding) is only stopped where n8n's own SSRF protection is on
 * (N8N_SSRF_PROTECTION_ENABLED=true checks every connection); and on an n8n without the egress
 * filter, DNS names are not resolved before the download (nodes may not use node:dns).
 */
import type { IExecuteFunctions, NodeEgressFilter } from 'n8n-workflow';

import { isIpLiteral, nonPublicAddressKind, nonPublicHostKind } from './networkAddress';

/** Why a URL is refused (a predicate of the URL: "points at a loopback address (127.0.0.1)"). */
export interface UrlRefusal {
	problem: string;
	allowed: string;
}

export const HTTP_URL = 'a URL starting with http:// or https://';
const PUBLIC_ONLY =
	'a URL on the public internet, or turn on Options → Allow Private Network URLs to fetch from this machine or the local network';

type EgressContext = Pick<IExecuteFunctions, 'helpers'>;

function egressFilterOf(context: EgressContext): NodeEgressFilter | undefined {
	const helpers = context.helpers as Partial<EgressContext['helpers']>;
	if (typeof helpers.getSecureEgressFilter !== 'function') return undefined;
	// 'enforced': applied even where the instance leaves N8N_SSRF_PROTECTION_ENABLED off.
	return helpers.getSecureEgressFilter('enforced');
}

/** The name's addresses from n8n's resolver; one that n8n's own policy blocks rejects. */
async function resolveWithN8n(filter: NodeEgressFilter, hostname: string): Promise<string[]> {
	const lookup = filter.createSecureLookup();
	return await new Promise((resolve, reject) => {
		lookup(hostname, { all: true }, (error, addresses) => {
			if (error) reject(error);
			else if (Array.isArray(addresses)) resolve(addresses.map(({ address }) => address));
			else resolve([addresses]);
		});
	});
}

function blockedByN8n(error: Error): string | undefined {
	if (!error.name?.startsWith('SsrfBlocked')) return undefined;
	const { ip } = error as Error & { ip?: string };
	return ip ? `an address n8n's SSRF settings block (${ip})` : "a name n8n's SSRF settings block";
}

/** The resolver's error code (ENOTFOUND…), also when n8n wrapped the error. */
function dnsFailure(error: unknown): string {
	const { code, cause, message } = error as {
		code?: string;
		cause?: { code?: string };
		message?: string;
	};
	return code ?? cause?.code ?? message ?? 'unknown error';
}

async function resolvedNameRefusal(
	context: EgressContext,
	hostname: string,
): Promise<UrlRefusal | undefined> {
	const filter = egressFilterOf(context);
	if (!filter) return undefined;
	let addresses: string[];
	try {
		addresses = await resolveWithN8n(filter, hostname);
	} catch (error) {
		const blocked = blockedByN8n(error as Error);
		if (blocked)
			return {
				problem: `has a host (${hostname}) that resolves to ${blocked}`,
				allowed: PUBLIC_ONLY,
			};
		return {
			problem: `has a host (${hostname}) that could not be resolved (${dnsFailure(error)})`,
			allowed: 'a URL whose host name exists',
		};
	}
	for (const address of addresses) {
		const kind = nonPublicAddressKind(address);
		if (kind)
			return {
				problem: `has a host (${hostname}) that resolves to ${kind} (${address})`,
				allowed: PUBLIC_ONLY,
			};
	}
	return undefined;
}

/** What the URL itself shows: a scheme other than http(s), or a non-public host. No DNS. */
export function literalRefusalOf(
	url: URL,
	{ allowPrivate }: { allowPrivate: boolean },
): UrlRefusal | undefined {
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { problem: `is a "${url.protocol}" URL`, allowed: HTTP_URL };
	if (allowPrivate) return undefined;
	const kind = nonPublicHostKind(url.hostname);
	return kind
		? { problem: `points at ${kind} (${url.hostname})`, allowed: PUBLIC_ONLY }
		: undefined;
}

/** Why the URL may not be fetched (its text, then where its host name resolves), or undefined. */
export async function refusalOf(
	context: EgressContext,
	url: URL,
	options: { allowPrivate: boolean },
): Promise<UrlRefusal | undefined> {
	const literal = literalRefusalOf(url, options);
	if (literal || options.allowPrivate || isIpLiteral(url.hostname)) return literal;
	return await resolvedNameRefusal(context, url.hostname.replace(/\.$/, ''));
}

/** The URL as errors show it: without its query (presigned URLs carry their signature there). */
export function shownUrl(url: URL | string): string {
	try {
		const parsed = typeof url === 'string' ? new URL(url) : url;
		const origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
		return `${origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
	} catch {
		return String(url).split(/[?#]/)[0];
	}
}
