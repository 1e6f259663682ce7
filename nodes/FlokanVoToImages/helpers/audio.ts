import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { validatorFor } from '../../shared/validation';
import { voRequest } from './request';

export const MAX_AUDIO_URL_LENGTH = 2000;

/** The Audio URL parameter: HTTP(S), at most 2000 characters. */
export function audioUrlOf(
	context: IExecuteFunctions,
	itemIndex: number,
	{ optional = false } = {},
): string | undefined {
	const check = validatorFor(context, itemIndex);
	const value = context.getNodeParameter('audioUrl', itemIndex, '');
	const options = { max: MAX_AUDIO_URL_LENGTH, allowHttp: true };
	return optional
		? check.optionalUrl('Audio URL', value, options)
		: check.url('Audio URL', value, options);
}

export async function setAudio(
	context: IExecuteFunctions,
	projectId: string,
	audioUrl: string,
	itemIndex: number,
) {
	return await voRequest<IDataObject>(context, {
		method: 'POST',
		path: `/projects/${encodeURIComponent(projectId)}/audio`,
		body: { audio_url: audioUrl },
		itemIndex,
	});
}
