/**
 * FLORA accepts input media only over HTTPS and only from these hosts. Checking here means a bad
 * URL fails in n8n with a clear message instead of costing a request.
 */
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const BUCKET = '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]';

interface AllowedHost {
	pattern: RegExp;
	/** Path-style forms carry the bucket as the first path segment. */
	bucketInPath?: boolean;
}

const ALLOWED_HOSTS: AllowedHost[] = [
	{ pattern: /^media\.flora\.ai$/ },
	{ pattern: /^storage\.googleapis\.com$/ },
	{ pattern: new RegExp(`^${BUCKET}\\.storage\\.googleapis\\.com$`) },
	// S3 virtual-hosted, incl. dual-stack: <bucket>.s3[.dualstack][.<region>].amazonaws.com
	{ pattern: new RegExp(`^${BUCKET}\\.s3(?:\\.dualstack)?(?:\\.${REGION})?\\.amazonaws\\.com$`) },
	// S3 path-style, incl. dual-stack: s3[.dualstack][.<region>].amazonaws.com/<bucket>/…
	{
		pattern: new RegExp(`^s3(?:\\.dualstack)?(?:\\.${REGION})?\\.amazonaws\\.com$`),
		bucketInPath: true,
	},
	// S3 Transfer Acceleration: <bucket>.s3-accelerate[.dualstack].amazonaws.com
	{ pattern: new RegExp(`^${BUCKET}\\.s3-accelerate(?:\\.dualstack)?\\.amazonaws\\.com$`) },
	{ pattern: /^ik\.imagekit\.io$/ },
];

export const ALLOWED_MEDIA_HOSTS_TEXT = [
	'https://media.flora.ai/…',
	'https://storage.googleapis.com/…',
	'https://<bucket>.storage.googleapis.com/…',
	'https://<bucket>.s3.<region>.amazonaws.com/…',
	'https://s3.<region>.amazonaws.com/<bucket>/…',
	'https://<bucket>.s3.dualstack.<region>.amazonaws.com/… (or s3.dualstack.<region>.amazonaws.com/<bucket>/…)',
	'https://<bucket>.s3-accelerate.amazonaws.com/…',
	'https://ik.imagekit.io/…',
].join(', ');

/** The same hosts in a few words, for texts an AI Agent reads. */
export const MEDIA_HOSTS_IN_SHORT =
	'media.flora.ai, storage.googleapis.com, Amazon S3 or ik.imagekit.io';

/** Why FLORA would refuse this media URL, or undefined when it is fine. */
export function mediaUrlProblem(value: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `"${value}" is not a URL`;
	}
	if (url.protocol !== 'https:')
		return `"${value}" does not use https:// (FLORA accepts HTTPS only)`;
	const host = ALLOWED_HOSTS.find((allowed) => allowed.pattern.test(url.hostname));
	if (!host) return `the host "${url.hostname}" is not one FLORA accepts media from`;
	if (host.bucketInPath && !/^\/[^/]+\/.+/.test(url.pathname)) {
		return `"${value}" is a path-style S3 URL without /<bucket>/<key>`;
	}
	return undefined;
}
