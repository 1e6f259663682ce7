import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fileNameFromUrl } from '../../shared/binary';
import { binaryOutputProperty } from '../../shared/descriptions';
import type { FileLayout, FileToDownload } from '../../shared/fileOutput';
import { downloadFilesAsItems, FILE_LAYOUTS, fileLayoutField } from '../../shared/fileOutput';
import { asItems } from '../../shared/router';
import { downloadsBinary } from '../../shared/toolMode';
import type { FieldValidator } from '../../shared/validation';
import type { Generation } from './generation';

/** Options shared by Generate and Get: fetch the images into binary fields. */
export const imageOutputOptions: INodeProperties[] = [
	{
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: false,
		description: 'Whether to download the generated images into binary fields',
	},
	fileLayoutField({ singular: 'image', plural: 'Images' }),
	{
		...binaryOutputProperty('data'),
		hint: 'Base name of the output binary field. With one item for all images: data, data_1, data_2, …',
	},
];

export interface ImageOutput {
	download: boolean;
	layout: FileLayout;
	propertyName: string;
}

export function readImageOutput(check: FieldValidator, options: IDataObject): ImageOutput {
	return {
		download: options.downloadImages === true,
		layout: check.oneOf('Images Output', options.fileLayout ?? 'oneItem', FILE_LAYOUTS),
		propertyName: check.text(
			'Put Output File in Field',
			options.binaryPropertyName ?? 'data',
			1,
			256,
		),
	};
}

function extensionOf(url: string): string {
	return /\.([a-z0-9]{2,5})$/i.exec(fileNameFromUrl(url, ''))?.[1]?.toLowerCase() ?? 'png';
}

/** The generation as output items, with its images as binary when asked for (never for a tool). */
export async function generationItems(
	context: IExecuteFunctions,
	itemIndex: number,
	generation: Generation,
	output: ImageOutput,
): Promise<INodeExecutionData[]> {
	const urls = generation.image_urls ?? [];
	if (!downloadsBinary(context, output.download) || urls.length === 0) {
		return asItems(context, generation);
	}
	const files: FileToDownload[] = urls.map((url, index) => ({
		url,
		fileName: `${generation.id}-${index + 1}.${extensionOf(url)}`,
		json: { image_index: index + 1, image_url: url },
	}));
	return await downloadFilesAsItems(context, itemIndex, generation, files, output);
}
