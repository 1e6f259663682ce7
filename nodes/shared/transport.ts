import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError, connectionError, getRetryHint, setRetryHint } from './errors';
import { acquireCall, blockUntil, releaseCall } from './rateLimit';
import { backoffMs, parseRetryAfter, withRetries } from './retryPolicy';
import type { ApiService } from './service';

export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Path below the service's base path, e.g. `/jobs/abc`. */
	path: string;
	qs?: IDataObject;
	/** A JSON body, or raw bytes (then give the Content-Type in `headers`). */
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	/**
	 * May the call be sent again after a 5xx or a dropped connection? Defaults to true for GET and
	 * HEAD only: a POST that may have started paid work must say so explicitly (e.g. when it
	 * carries an idempotency key). A 429 is re-sent regardless.
	 */
	resendable?: boolean;
	/** Per-call timeout; defaults to one minute. */
	timeoutMs?: number;
	/** Epoch ms after which no attempt may still run (a wait's deadline): caps timeouts and retries. */
	deadline?: number;
	/**
	 * For a call that is not resendable: where the user can see whether the work happened anyway,
	 * e.g. "Check Job → Get Many before running the item again."
	 */
	ifUnanswered?: string;
	itemIndex?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const CONNECTION_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function attemptTimeout(call: ApiCall): number {
	const timeout = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	return call.deadline === undefined
		? timeout
		: Math.max(1, Math.min(timeout, call.deadline - Date.now()));
}

export function executionSignal(context: ApiContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

export function stoppedError(context: ApiContext, what: string, itemIndex?: number) {
	return new NodeOperationError(context.getNode(), `The execution was stopped while ${what}`, {
		itemIndex,
	});
}

async function baseUrlOf(context: ApiContext, service: ApiService): Promise<string> {
	const credentials = await context.getCredentials(service.credentialType);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

function accountKey(context: ApiContext, service: ApiService, baseUrl: string): string {
	const credentialId = context.getNode().credentials?.[service.credentialType]?.id ?? '';
	return `${service.credentialType}:${credentialId}:${baseUrl}`;
}

/**
 * Names the account a node talks to (credential and server): every node on the same credential
 * shares its rate-limit pacing and its limits on calls in flight.
 */
export async function accountOf(context: ApiContext, service: ApiService): Promise<string> {
	return accountKey(context, service, await baseUrlOf(context, service));
}

function errorCode(error: unknown): string | undefined {
	for (
		let e = error as { code?: unknown; cause?: unknown } | undefined;
		e;
		e = e.cause as typeof e
	) {
		if (typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return e.code;
	}
	return undefined;
}

/**
 * The one way this package talks to an API: authenticated by the service's credential, JSON in and
 * out, errors as NodeApiError with the API's own message, retries by the package's money rules,
 * and pacing from the rate-limit headers.
 */
export async function apiRequest<T = IDataObject>(
	this: ApiContext,
	service: ApiService,
	call: ApiCall,
): Promise<T> {
	const baseUrl = await baseUrlOf(this, service);
	const url = `${baseUrl}${service.basePath}${call.path}`;
	const pacingKey = accountKey(this, service, baseUrl);
	const signal = executionSignal(this);
	const label = `${call.method} ${service.basePath}${call.path}`;
	const resendable = call.resendable ?? (call.method === 'GET' || call.method === 'HEAD');

	const attempt = async () => {
		if (!(await acquireCall(pacingKey, signal)))
			throw stoppedError(this, `waiting for the rate limit (${label})`, call.itemIndex);
		let response: IN8nHttpFullResponse | undefined;
		try {
			response = await send(this, service, call, url);
		} finally {
			const remaining = releaseCall(pacingKey, response?.headers as IDataObject | undefined);
			if (response) {
				this.logger.debug(`${service.displayName}: ${label} → ${response.statusCode}`, {
					rateLimitRemaining: remaining,
				});
			}
		}
		return handleResponse(this, service, call, pacingKey, response);
	};

	const result = withRetries(
		{
			resendable,
			signal,
			deadline: call.deadline,
			onRetry: (tries, delayMs, error) =>
				this.logger.debug(
					`${service.displayName}: retrying ${label} in ${delayMs} ms (attempt ${tries + 1})`,
					{
						reason: error.message,
					},
				),
		},
		attempt,
	);
	return (await result.catch((error: Error) => {
		throw resendable ? error : explainNotResent(error, service, call);
	})) as T;
}

/**
 * A paid call that got a 5xx or lost its connection was not sent again, so the user has to know
 * the work may have happened anyway, and where to look.
 */
function explainNotResent(error: Error, service: ApiService, call: ApiCall): Error {
	const hint = getRetryHint(error);
	if (!hint?.retryable || hint.refusedBeforeWork) return error;
	const failure = error as Error & { httpCode?: string | null; description?: string | null };
	if (!failure.httpCode) {
		failure.message = `${service.displayName}: the connection ended before ${call.method} ${call.path} answered (dropped or timed out)`;
	} else if (!failure.message.includes(failure.httpCode)) {
		failure.message = `${failure.message} (HTTP ${failure.httpCode})`;
	}
	failure.description = [
		`The request was not sent again, so nothing is done or paid twice: ${service.displayName} may already have done the work.`,
		call.ifUnanswered,
	]
		.filter(Boolean)
		.join(' ');
	return error;
}

/** One HTTP exchange; connection failures come back as retry-hinted errors without the request. */
async function send(
	context: ApiContext,
	service: ApiService,
	call: ApiCall,
	url: string,
): Promise<IN8nHttpFullResponse> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url,
		qs: call.qs,
		body: call.body,
		headers: call.headers,
		json: !Buffer.isBuffer(call.body),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: attemptTimeout(call),
	};
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			service.credentialType,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		if (executionSignal(context)?.aborted) {
			throw stoppedError(context, `calling ${call.method} ${call.path}`, call.itemIndex);
		}
		const code = errorCode(error);
		if (code) {
			throw setRetryHint(connectionError(context.getNode(), service, code, call.itemIndex), {
				retryable: true,
			});
		}
		// Rebuilt from the message alone: the original carries the request, API key included.
		throw new NodeApiError(
			context.getNode(),
			{ message: (error as Error).message },
			{ itemIndex: call.itemIndex },
		);
	}
}

function handleResponse(
	context: ApiContext,
	service: ApiService,
	call: ApiCall,
	pacingKey: string,
	response: IN8nHttpFullResponse,
): unknown {
	const status = response.statusCode;
	const body = response.body;
	if (status >= 200 && status < 300) {
		if (typeof body === 'string' && body.trim() !== '') {
			const error = apiError(context.getNode(), service, status, {}, call.itemIndex);
			error.message = `${service.displayName}: the response to ${call.method} ${call.path} was not valid JSON`;
			throw setRetryHint(error, { retryable: true });
		}
		return service.unwrap ? service.unwrap(body) : body;
	}
	const error = apiError(context.getNode(), service, status, body, call.itemIndex);
	if (status === 429) {
		const headers = (response.headers ?? {}) as IDataObject;
		const retryAfterMs = parseRetryAfter(headers['retry-after']);
		blockUntil(pacingKey, Date.now() + (retryAfterMs ?? backoffMs(1)), {
			toldByServer: retryAfterMs !== undefined,
		});
		// The shared pacing gate holds this and every concurrent call until the server's time is up.
		throw setRetryHint(error, { retryable: true, refusedBeforeWork: true, retryAfterMs: 0 });
	}
	if (status >= 500) throw setRetryHint(error, { retryable: true });
	throw error;
}
