import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../../../shared/transport';
import { imageEditor, PROCESS_TIMEOUT_MS } from '../../transport';

/**
 * POST /process: paid and synchronous. It is never sent twice after a 5xx, a dropped connection or
 * a timeout (the image may have been made and charged); only a 429 is re-sent, by the transport.
 */
export async function processImage(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return (await apiRequest.call(context, imageEditor, {
		method: 'POST',
		path: '/process',
		body,
		resendable: false,
		timeoutMs: PROCESS_TIMEOUT_MS,
		ifUnanswered: 'Check Job → Get Many (most recent first) before running it again.',
		itemIndex,
	})) as IDataObject;
}
