import { createHmac, timingSafeEqual } from 'node:crypto';

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { firstDeliveryOf } from './deliveredEvents';

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

/** The body of a correctly signed call, or the ready HTTP answer for a call that starts nothing. */
export type SignedBody =
	| { ok: true; rawBody: Buffer }
	| { ok: false; refusal: IWebhookResponseData };

/** How many accepted signatures this process remembers, and for how long. */
const REPLAY_MEMORY = { maxEntries: 1000, ttlMs: 24 * 60 * 60 * 1000 };

/**
 * Signatures accepted recently by this n8n process (oldest first): the fast path that catches a
 * repeated delivery within one process, also two arriving at once, before the workflow's saved
 * memory (which each call loads from the database) is consulted.
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
 * `secret`. On failure the caller gets a ready 401 answer (500 when no secret is configured) to
 * return as is, so no workflow data is produced.
 *
 * A correctly signed call delivered again (same signature, within `replayScope`, e.g. the
 * credential) is acknowledged with 200 `{ received: true, duplicate: true }` so the sender stops
 * re-sending, and starts nothing. `deliveries` (the node's workflow static data) makes that memory
 * last across n8n restarts and shared between main and webhook processes.
 */
export function verifySignedWebhook(
	context: IWebhookFunctions,
	{
		header,
		secret,
		replayScope = '',
		deliveries,
	}: { header: string; secret: unknown; replayScope?: string; deliveries?: IDataObject },
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
	const eventKey = String(signature).toLowerCase();
	const firstInProcess = firstUseOfSignature(`${replayScope}:${eventKey}`);
	if (!firstInProcess || (deliveries !== undefined && !firstDeliveryOf(deliveries, eventKey))) {
		context.logger.info(
			`Acknowledged a repeated delivery of a signed webhook call (same ${header}); nothing started`,
		);
		return { ok: false, refusal: { webhookResponse: { received: true, duplicate: true } } };
	}
	return { ok: true, rawBody };
}
