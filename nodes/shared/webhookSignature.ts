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

/**
 * Verifies a signed webhook call: `header` must carry the hex HMAC-SHA256 of the raw body under
 * `secret`. On any failure the caller gets a ready 401 answer (500 when no secret is configured)
 * to return as is, so no workflow data is produced.
 */
export function verifySignedWebhook(
	context: IWebhookFunctions,
	{ header, secret }: { header: string; secret: unknown },
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
	return { ok: true, rawBody };
}
