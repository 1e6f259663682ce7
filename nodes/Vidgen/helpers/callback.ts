import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { refuseWebhook, verifySignedWebhook } from '../../shared/webhookSignature';
import { JOB_STATUSES } from '../transport';
import { jobItem, videoDownloadOf } from './jobOutput';
import type { JobState } from './jobs';

/** Vidgen signs every callback: hex HMAC-SHA256 of the raw body with the account's webhook secret. */
export const SIGNATURE_HEADER = 'X-Webhook-Signature';

export type Callback = { ok: true; event: JobState } | { ok: false; refusal: IWebhookResponseData };

function isJobEvent(value: unknown): value is JobState {
	const event = value as IDataObject | null;
	return (
		typeof event === 'object' &&
		event !== null &&
		typeof event.jobId === 'string' &&
		JOB_STATUSES.includes(event.status as JobState['status'])
	);
}

/**
 * Reads a Vidgen callback: the signature is checked over the raw bytes before anything in the body
 * is trusted. A refused call carries its ready HTTP answer (401, or 400 for a body that is not a job
 * event; 200 for a repeated delivery) and must produce no workflow data. `deliveries` is where the
 * delivered events are remembered durably (see verifySignedWebhook).
 */
export async function readSignedCallback(
	this: IWebhookFunctions,
	deliveries?: IDataObject,
): Promise<Callback> {
	const credentials = await this.getCredentials('vidgenApi');
	const signed = verifySignedWebhook(this, {
		header: SIGNATURE_HEADER,
		secret: credentials.webhookSecret,
		replayScope: `vidgenApi:${this.getNode().credentials?.vidgenApi?.id ?? ''}`,
		deliveries,
	});
	if (!signed.ok) return signed;
	let event: unknown;
	try {
		event = JSON.parse(signed.rawBody.toString('utf8'));
	} catch {
		return { ok: false, refusal: refuseWebhook(this, 400, 'The body is not JSON') };
	}
	if (!isJobEvent(event))
		return { ok: false, refusal: refuseWebhook(this, 400, 'The body is not a Vidgen job event') };
	return { ok: true, event };
}

/**
 * The event as an output item, with the finished video as binary when the node asks for it. A
 * failed download does not lose the event: it is reported in `videoDownloadError` instead.
 */
export async function callbackItem(
	this: IWebhookFunctions,
	event: JobState,
): Promise<INodeExecutionData> {
	const download = videoDownloadOf(this);
	try {
		return await jobItem(this, event, download);
	} catch (error) {
		this.logger.warn(
			`Vidgen: could not download the video of job ${event.jobId}: ${(error as Error).message}`,
		);
		return {
			json: { ...event, videoDownloadError: (error as Error).message },
			pairedItem: { item: 0 },
		};
	}
}

/**
 * Hands an accepted callback's item to n8n and answers the caller with `body` as JSON. The answer is
 * written here: for a webhook that returns workflowData, n8n's onReceived answer is the webhook's
 * `responseData`, which defaults to the literal text "firstEntryJson", and `webhookResponse` is
 * ignored.
 */
export function acceptCallback(
	context: IWebhookFunctions,
	item: INodeExecutionData,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(200).json(body);
	return { noWebhookResponse: true, workflowData: [[item]] };
}
