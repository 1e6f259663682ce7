import type {
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
	IWorkflowExecutionCustomData,
} from 'n8n-workflow';

import { refuseWebhook } from '../../shared/webhookSignature';
import type { FieldValidator } from '../../shared/validation';
import { acceptCallback, callbackItem, readSignedCallback } from './callback';
import { FINISHED_STATUSES } from './jobs';

/**
 * The waiting job's id, kept in the execution's custom data: it survives the wait, the callback
 * handler checks it, and after a Max Wait resume (when n8n passes this node's input through
 * unchanged) a later Code node can read it with $execution.customData.get('vidgenJobId') (expressions
 * cannot call it under the vm expression engine n8n 1.123 and 2.40 default to).
 */
export const WAITING_JOB_KEY = 'vidgenJobId';

type CustomData = Pick<IWorkflowExecutionCustomData, 'get' | 'set'>;

function isCustomData(value: unknown): value is CustomData {
	const data = value as Partial<CustomData> | undefined;
	return typeof data?.get === 'function' && typeof data?.set === 'function';
}

/** The context's own `customData` (n8n-core 2.16 on); before that contexts have none. */
function contextCustomData(context: IExecuteFunctions | IWebhookFunctions): CustomData | undefined {
	try {
		const data: unknown = context.customData;
		return isCustomData(data) ? data : undefined;
	} catch {
		return undefined; // n8n-core throws when the context has no run data
	}
}

/**
 * The execution's custom data as this n8n gives it to a running node: the context's own, else
 * `$execution.customData` of the workflow data proxy, which every n8n that loads this node has
 * (1.x included). Both write the same execution metadata. It belongs to the execution, not to an
 * item, so any item's proxy will do.
 */
function executionCustomData(context: IExecuteFunctions): CustomData | undefined {
	const own = contextCustomData(context);
	if (own) return own;
	try {
		const data: unknown = context.getWorkflowDataProxy(0).$execution?.customData;
		return isCustomData(data) ? data : undefined;
	} catch {
		return undefined;
	}
}

/** Refuses Resume on Webhook Callback, before anything is sent, on an n8n that could not keep the job's ID across the wait. */
export function checkJobIdCanBeKept(context: IExecuteFunctions, check: FieldValidator): void {
	if (executionCustomData(context)) return;
	check.fail(
		'Wait Mode',
		"Resume on Webhook Callback keeps the job ID in the execution's custom data across the wait, and this n8n gives nodes none (n8n 1.85 and later do)",
		'Poll Until Done, or Resume on Webhook Callback on n8n 1.85 or later',
	);
}

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
	// Checked in prepare (checkJobIdCanBeKept), so present here.
	executionCustomData(this)?.set(WAITING_JOB_KEY, jobId);
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

/**
 * The custom data n8n-core before 2.16 gives expressions as `$execution.customData`, read from the
 * context's `additionalKeys` (internal, present in every n8n-core from 1.84 to 2.41): an expression
 * cannot call its methods on n8n 1.123, whose default "vm" expression engine drops functions. Only
 * released versions without the context's own `customData` get here.
 */
function expressionCustomData(context: IWebhookFunctions): CustomData | undefined {
	const { additionalKeys } = context as unknown as {
		additionalKeys?: { $execution?: { customData?: unknown } };
	};
	const data = additionalKeys?.$execution?.customData;
	return isCustomData(data) ? data : undefined;
}

/** The job the execution waits for, if this n8n lets the webhook read it. */
function waitingJobId(context: IWebhookFunctions): string | undefined {
	try {
		const id = (contextCustomData(context) ?? expressionCustomData(context))?.get(WAITING_JOB_KEY);
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
