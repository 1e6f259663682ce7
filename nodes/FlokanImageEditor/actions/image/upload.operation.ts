import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
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

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedImage> {
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
