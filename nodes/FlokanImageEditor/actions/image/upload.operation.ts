import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
import { isToolMode } from '../../../shared/toolMode';
import { validatorFor } from '../../../shared/validation';
import { inputBinaryField } from './fields';
import type { PreparedImage } from './uploadImage';
import { prepareImage, uploadImage } from './uploadImage';

const properties: INodeProperties[] = [
	inputBinaryField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"Name recorded for the image (1–255 characters). Defaults to the binary file's name.",
			},
			flokanItemsInParallelOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['upload'] } },
	properties,
);

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export const toolDescription =
	"Uploads the input item's binary image file to Flokan and returns its image_id. It cannot work as an AI Agent tool, because a tool receives no files: to edit a picture from the web, use the Image Editor's Generate or Edit with Source Image = Image URL; to edit an image already on Flokan, use Source Image = Image ID. Free.";

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedImage> {
	if (isToolMode(this)) {
		throw new NodeOperationError(
			this.getNode(),
			'Image → Upload cannot run as an AI Agent tool: a tool receives no files',
			{
				itemIndex,
				description:
					'To edit a picture from the web, use Image → Generate or Edit with Source Image = Image URL; to edit an image already on Flokan, use Source Image = Image ID.',
			},
		);
	}
	const check = validatorFor(this, itemIndex);
	const binaryField = check.text(
		'Input Binary Field',
		this.getNodeParameter('inputBinaryField', itemIndex),
		1,
		1000,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };
	return await prepareImage(this, check, itemIndex, binaryField, options.fileName || undefined);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	image: PreparedImage,
): Promise<INodeExecutionData[]> {
	const uploaded = await uploadImage(this, image, itemIndex);
	return asItems(this, {
		...uploaded,
		file_name: image.uploadFileName,
		mime_type: image.uploadMimeType,
		file_size: image.size,
	});
}
