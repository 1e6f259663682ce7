import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getRetryHint } from '../../../shared/errors';
import { apiRequest } from '../../../shared/transport';
import { imageEditor, PROCESS_TIMEOUT_MS } from '../../transport';

/**
 * POST /process: paid and synchronous. It is never sent twice after a 5xx, a dropped connection or
 * a timeout (the image may have been made and charged); only a 429 is re-sent, by the transport.
 */
export async function processImage(context: IExecuteFunctions, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	try {
		return (await apiRequest.call(context, imageEditor, {
			method: 'POST',
			path: '/process',
			body,
			resendable: false,
			timeoutMs: PROCESS_TIMEOUT_MS,
			itemIndex,
		})) as IDataObject;
	} catch (error) {
		throw explainIfNotResent(error as Error);
	}
}

/** After a 5xx, a dropped connection or a timeout the user must check before running again. */
function explainIfNotResent(error: Error): Error {
	const hint = getRetryHint(error);
	if (!hint?.retryable || hint.refusedBeforeWork) return error;
	const nodeError = error as Error & { httpCode?: string | null; description?: string | null };
	const status = Number(nodeError.httpCode);
	if (!nodeError.httpCode) {
		// n8n words a dropped connection as "you can retry immediately", which is wrong for a paid call.
		error.message = `${imageEditor.displayName}: the connection ended before POST /process answered (dropped or timed out)`;
	} else if (status >= 500 && !error.message.includes(nodeError.httpCode)) {
		error.message = `${error.message} (HTTP ${status})`;
	}
	nodeError.description =
		'The request was not sent again: Flokan may already have generated the image and deducted credits. ' +
		'Check Job → Get Many (most recent first) before running it again.';
	return error;
}
