import { createHmac, timingSafeEqual } from 'node:crypto';

import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Why a signature was refused, or that it was good. */
export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks a hex HMAC-SHA256 signature of the exact bytes received. The comparison is constant-time;
 * anything that is not 64 hex digits is refused before comparing.
 */
export function checkHexHmacSha256(
	rawBody: Buffer,
	signature: unknown,
	secret: string,
): SignatureCheck {
	if (typeof signature !== 'string' || signature === '') return 'missing';
	if (!HEX_SHA256.test(signature)) return 'malformed';
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'valid' : 'mismatch';
}

/** The request body exactly as it arrived (n8n keeps it as `rawBody` next to the parsed body). */
export function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const raw = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/** Answers the webhook call itself and starts (or resumes) nothing. */
export function refuseWebhook(
	context: IWebhookFunctions,
	statusCode: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(statusCode).json({ error: message });
	return { noWebhookResponse: true };
}

const REFUSALS: Record<Exclude<SignatureCheck, 'valid'>, string> = {
	missing: 'Missing signature',
	malformed: 'Malformed signature',
	mismatch: 'Invalid signature',
};

export type SignedBody =
	| { ok: true; rawBody: Buffer }
	| { ok: false; refusal: IWebhookResponseData };

/** How many accepted signatures are remembered, and for how long. */
const REPLAY_MEMORY = { maxEntries: 1000, ttlMs: 24 * 60 * 60 * 1000 };

/**
 * Signatures accepted recently (oldest first), so a byte-identical call delivered again, which
 * carries the same signature, is refused instead of starting or resuming a workflow twice. Kept in
 * this n8n process's memory, like the rate-limit pacing.
 */
const acceptedSignatures = new Map<string, number>();

/** Records a signature as accepted; false when it was already accepted within the memory window. */
export function firstUseOfSignature(key: string, now = Date.now()): boolean {
	for (const [seen, acceptedAt] of acceptedSignatures) {
		if (now - acceptedAt < REPLAY_MEMORY.ttlMs) break;
		acceptedSignatures.delete(seen);
	}
	if (acceptedSignatures.has(key)) return false;
	acceptedSignatures.set(key, now);
	if (acceptedSignatures.size > REPLAY_MEMORY.maxEntries) {
		acceptedSignatures.delete(acceptedSignatures.keys().next().value as string);
	}
	return true;
}

/**
 * Verifies a signed webhook call: `header` must carry the hex HMAC-SHA256 of the raw body under
 * `secret`, and must not have been accepted before within `replayScope` (e.g. the credential): a
 * replayed call is refused. On any failure the caller gets a ready 401 answer (500 when no secret
 * is configured) to return as is, so no workflow data is produced.
 */
export function verifySignedWebhook(
	context: IWebhookFunctions,
	{ header, secret, replayScope = '' }: { header: string; secret: unknown; replayScope?: string },
): SignedBody {
	if (typeof secret !== 'string' || secret === '') {
		return {
			ok: false,
			refusal: refuseWebhook(context, 500, 'No webhook secret is configured in the credential'),
		};
	}
	const rawBody = rawBodyOf(context);
	if (!rawBody)
		return {
			ok: false,
			refusal: refuseWebhook(context, 400, 'The request body could not be read'),
		};
	const signature = context.getHeaderData()[header.toLowerCase()];
	const check = checkHexHmacSha256(rawBody, signature, secret);
	if (check !== 'valid') {
		context.logger.warn(`Refused a webhook call: ${REFUSALS[check].toLowerCase()} in ${header}`);
		return { ok: false, refusal: refuseWebhook(context, 401, REFUSALS[check]) };
	}
	if (!firstUseOfSignature(`${replayScope}:${String(signature).toLowerCase()}`)) {
		context.logger.warn(`Refused a webhook call: replayed signature in ${header}`);
		return { ok: false, refusal: refuseWebhook(context, 401, 'Replayed signature') };
	}
	return { ok: true, rawBody };
}
