import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldValidator } from '../../../shared/validation';
import { ASPECT_RATIOS, IMAGE_MODELS, PROVIDERS } from '../../helpers/choices';
import type { ImageOutput } from '../../helpers/imageOutput';
import { readImageOutput } from '../../helpers/imageOutput';
import { GENERATE_TIMEOUT_SECONDS, MAX_YOUTUBE_REFERENCES } from '../../transport';

export interface GenerateInput {
	/** The POST /generate body, before any references found by Reference Search are added. */
	body: IDataObject & { youtube_references?: string[] };
	referenceSearch?: { query: string; count: number };
	output: ImageOutput;
	timeoutMs: number;
}

const REFERENCES_FIELD = 'YouTube Reference URLs';

/** Comma- or newline-separated text, or an array from an expression. */
function referenceUrls(check: FieldValidator, value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(/[\s,]+/);
	else
		return check.fail(
			REFERENCES_FIELD,
			`expected URLs, got ${typeof value}`,
			'a list of image URLs',
		);
	const urls = entries
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '');
	return urls.map((url, index) =>
		check.url(`${REFERENCES_FIELD} (#${index + 1})`, url, { allowHttp: true }),
	);
}

/** Reads and checks every Generate field; nothing is sent before this has passed. */
export function readGenerateInput(
	context: IExecuteFunctions,
	check: FieldValidator,
	itemIndex: number,
): GenerateInput {
	const param = (name: string, fallback?: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback);
	const extra = param('additionalFields', {}) as IDataObject;
	const options = param('options', {}) as IDataObject;

	const body: GenerateInput['body'] = {
		video_title: check.text('Video Title', param('videoTitle'), 1, 500),
		image_model: check.oneOf('Image Model', param('imageModel'), IMAGE_MODELS),
		aspect_ratio: check.oneOf('Aspect Ratio', param('aspectRatio'), ASPECT_RATIOS),
		image_count: check.integer('Image Count', param('imageCount'), 1, 4),
		provider: check.oneOf('Provider', param('provider', 'platform'), PROVIDERS),
	};
	const prompt = check.optionalText('Prompt', param('prompt', ''), 10000);
	if (prompt !== undefined) body.prompt = prompt;
	const styleId = check.optionalUuid('Style ID', extra.styleId);
	if (styleId) body.style_id = styleId;
	const cardId = check.optionalUuid('Card ID', extra.cardId);
	if (cardId) body.card_id = cardId;
	const referenceImageUrl = check.optionalUrl('Reference Image URL', extra.referenceImageUrl);
	if (referenceImageUrl) body.reference_image_url = referenceImageUrl;

	const references = referenceUrls(check, extra.youtubeReferences);
	if (references.length > MAX_YOUTUBE_REFERENCES) {
		check.fail(
			REFERENCES_FIELD,
			`${references.length} URLs given`,
			`at most ${MAX_YOUTUBE_REFERENCES}`,
		);
	}
	if (references.length) body.youtube_references = references;

	const query = check.optionalText('Reference Search Query', options.referenceSearchQuery, 200);
	let referenceSearch: GenerateInput['referenceSearch'];
	if (query !== undefined) {
		const room = MAX_YOUTUBE_REFERENCES - references.length;
		const count = check.integer(
			'Reference Search Count',
			options.referenceSearchCount ?? 3,
			1,
			MAX_YOUTUBE_REFERENCES,
		);
		if (count > room) {
			check.fail(
				'Reference Search Count',
				`${count} found thumbnails plus ${references.length} ${REFERENCES_FIELD} exceed ${MAX_YOUTUBE_REFERENCES}`,
				`at most ${room} with the references already given`,
			);
		}
		referenceSearch = { query, count };
	}

	if (prompt === undefined && !references.length && !referenceImageUrl && !referenceSearch) {
		check.fail(
			'Prompt',
			'it is empty and no reference is given',
			`1–10000 characters, or leave it empty and give ${REFERENCES_FIELD}, a Reference Image URL or a Reference Search Query`,
		);
	}

	const timeoutSeconds = check.integer(
		'Timeout (Seconds)',
		options.timeoutSeconds ?? GENERATE_TIMEOUT_SECONDS,
		1,
		3600,
	);
	return {
		body,
		referenceSearch,
		output: readImageOutput(check, options),
		timeoutMs: timeoutSeconds * 1000,
	};
}
