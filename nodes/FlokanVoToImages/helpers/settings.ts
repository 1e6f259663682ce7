import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionalUuid } from './ids';

/** The optional project settings collection as the API's body fields, IDs checked first. */
export function projectSettingsBody(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: IDataObject,
): IDataObject {
	const body: IDataObject = {};
	const artStyleId = optionalUuid(context, itemIndex, 'Art Style ID', settings.artStyleId);
	const charGenStyleId = optionalUuid(
		context,
		itemIndex,
		'Character Style ID',
		settings.charGenStyleId,
	);
	if (artStyleId) body.art_style_id = artStyleId;
	if (charGenStyleId) body.char_gen_style_id = charGenStyleId;
	if (typeof settings.detectCharacters === 'boolean')
		body.detect_characters = settings.detectCharacters;
	if (typeof settings.generateCharacters === 'boolean')
		body.generate_characters = settings.generateCharacters;
	if (typeof settings.generateVideos === 'boolean') body.generate_videos = settings.generateVideos;
	return body;
}
