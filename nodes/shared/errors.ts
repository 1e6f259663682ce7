import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiErrorDetails, ApiService } from './service';

/** Advice per HTTP status that holds for every API this package wraps. */
const GENERIC_STATUS_ADVICE: Record<number, string> = {
	400: 'The request was rejected as invalid. Check the fields named in the message.',
	401: 'The API key is missing or invalid. Check the credential (API key and base URL).',
	402: 'The workspace is out of credits. Add credits, or use a BYOK provider where supported.',
	403: 'The API key lacks the scope or permission this operation needs.',
	404: 'The requested resource was not found. Check the ID and that it belongs to this workspace.',
	409: 'The request conflicts with the current state of the resource.',
	413: 'The file is larger than the API accepts.',
	415: 'The file type is not supported by the API.',
	422: 'The request was understood but could not be processed.',
	429: 'Rate limit exceeded. The node waited and retried; try again later or lower the load.',
	500: 'The service had an unexpected error. Try again later.',
};

export function genericAdvice(status: number): string | undefined {
	return GENERIC_STATUS_ADVICE[status] ?? (status >= 500 ? GENERIC_STATUS_ADVICE[500] : undefined);
}

/** Marks an error the transport may retry, and how soon. */
export interface RetryHint {
	retryable: boolean;
	/** The server said when to come back (Retry-After), in ms. */
	retryAfterMs?: number;
	/** A 429: the server did no work, so even a paid call may be re-sent. */
	refusedBeforeWork?: boolean;
}

const retryHints = new WeakMap<Error, RetryHint>();

export function setRetryHint(error: Error, hint: RetryHint): Error {
	retryHints.set(error, hint);
	return error;
}

export function getRetryHint(error: unknown): RetryHint | undefined {
	return error instanceof Error ? retryHints.get(error) : undefined;
}

/** Turns an API's error response into a NodeApiError carrying the API's own message and status. */
export function apiError(
	node: INode,
	service: ApiService,
	status: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const details: ApiErrorDetails = service.parseError(body);
	const message = details.message ?? `${service.displayName} answered with HTTP ${status}`;
	const description = service.describeError(status, details.code) ?? genericAdvice(status);
	const response: JsonObject = { message, httpCode: String(status) };
	if (details.code) response.code = details.code;
	const error = new NodeApiError(node, response, {
		message: `${service.displayName}: ${message}`,
		description,
		httpCode: String(status),
		itemIndex,
	});
	if (details.code) error.context.apiCode = details.code;
	return error;
}

/**
 * A connection that dropped or timed out. Built from scratch so nothing of the failed request
 * (headers, and with them the API key) travels along.
 */
export function connectionError(
	node: INode,
	service: ApiService,
	code: string,
	itemIndex?: number,
) {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	const message = `${service.displayName}: ${timedOut ? 'the request timed out' : `the connection failed (${code})`}`;
	const error = new NodeApiError(
		node,
		{ message: code },
		{
			message,
			description: 'The service could not be reached or closed the connection before answering.',
			itemIndex,
		},
	);
	// NodeApiError swaps messages that mention a connection code for generic advice ("retry
	// immediately"), which is wrong for a paid call that may have started: keep ours.
	error.message = message;
	return error;
}

/**
 * A NodeOperationError whose message stays as written. n8n swaps any message that merely contains a
 * system error code (EPERM, ENOENT, ECONNREFUSED…, in any case, even inside a URL, a user's value or
 * a job's own error text) for a generic one, which would hide what the user or model must fix.
 */
export function operationError(
	node: INode,
	message: string,
	options: { description?: string; itemIndex?: number } = {},
): NodeOperationError {
	const error = new NodeOperationError(node, message, options);
	error.message = message;
	return error;
}
