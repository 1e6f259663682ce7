import type {
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { refuseWebhook } from '../../shared/webhookSignature';
import type { FieldValidator } from '../../shared/validation';
import { acceptCallback, callbackItem, readSignedCallback } from './callback';
import { FINISHED_STATUSES } from './jobs';

/**
 * The waiting job's id, kept in the execution's custom data: it survives the wait, the callback
 * handler checks it, and after a Max Wait resume (when n8n passes this node's input through
 * unchanged) a later node can read it with $execution.customData.get('vidgenJobId').
 */
export const WAITING_JOB_KEY = 'vidgenJobId';

/**
 * The URL Vidgen should call back: this execution's resume URL. Vidgen accepts only https, so n8n
 * must be reachable over HTTPS for this mode: n8n builds the URL from N8N_WEBHOOK_URL, else
 * WEBHOOK_URL, else its own protocol, host and port.
 */
export function resumeUrlOf(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): string {
	const url = context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex);
	if (typeof url !== 'string' || !url.startsWith('https://')) {
		check.fail(
			'Wait Mode',
			`this n8n's resume URL is "${String(url)}", but Vidgen only calls https:// URLs`,
			'Resume on Webhook Callback when n8n is reachable over HTTPS (WEBHOOK_URL, or N8N_WEBHOOK_URL, which n8n reads first, set to an https:// address), otherwise Poll Until Done',
		);
	}
	return url;
}

/** Puts the execution to wait for the job's signed callback, at most until maxWaitSeconds from now. */
export async function waitForCallback(
	this: IExecuteFunctions,
	jobId: string,
	maxWaitSeconds: number,
): Promise<INodeExecutionData[]> {
	this.customData.set(WAITING_JOB_KEY, jobId);
	const waitTill = new Date(Date.now() + maxWaitSeconds * 1000);
	await this.putExecutionToWait(waitTill);
	this.logger.info(
		`Vidgen: job ${jobId} submitted; the execution waits for its callback until ${waitTill.toISOString()}`,
	);
	return [
		{
			json: {
				jobId,
				status: 'PENDING',
				waitingForCallback: true,
				waitTill: waitTill.toISOString(),
			},
		},
	];
}

function waitingJobId(context: IWebhookFunctions): string | undefined {
	try {
		const id = context.customData.get(WAITING_JOB_KEY);
		return typeof id === 'string' ? id : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The node's restart webhook: resumes the waiting execution with the job once a correctly signed
 * callback for that job reports it finished. Anything else resumes nothing.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const callback = await readSignedCallback.call(this);
	if (!callback.ok) return callback.refusal;
	const { event } = callback;
	const expected = waitingJobId(this);
	if (expected !== undefined && event.jobId !== expected) {
		return refuseWebhook(this, 400, `This execution waits for job ${expected}, not ${event.jobId}`);
	}
	if (!FINISHED_STATUSES.includes(event.status)) {
		return { webhookResponse: { received: true, resumed: false } };
	}
	const item = await callbackItem.call(this, event);
	return acceptCallback(this, item, { received: true, resumed: true });
}
