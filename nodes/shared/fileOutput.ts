import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { downloadAsBinary } from './binary';
import { mapWithConcurrency } from './concurrency';
import { executionSignal } from './transport';

/** How several downloaded files of one result become output items. */
export type FileLayout = 'oneItem' | 'itemPerFile';
export const FILE_LAYOUTS: readonly FileLayout[] = ['oneItem', 'itemPerFile'];

export interface FileToDownload {
	url: string;
	fileName: string;
	/** Added to this file's item when each file gets its own item. */
	json?: IDataObject;
}

const PARALLEL_DOWNLOADS = 4;

/** `data`, `data_1`, `data_2`, … */
export function numberedProperty(base: string, index: number): string {
	return index === 0 ? base : `${base}_${index}`;
}

/** The UI choice between the two layouts. */
export function fileLayoutField(noun: { singular: string; plural: string }): INodeProperties {
	return {
		displayName: `${noun.plural} Output`,
		name: 'fileLayout',
		type: 'options',
		options: [
			{
				name: 'One Item, One Field per File',
				value: 'oneItem',
				description: `One item whose binary fields are data, data_1, data_2, … (one per ${noun.singular})`,
			},
			{
				name: 'One Item per File',
				value: 'itemPerFile',
				description: `One item per ${noun.singular}, each with the file in the binary field`,
			},
		],
		default: 'oneItem',
	};
}

/**
 * Downloads result files (CDN URLs, no API key sent) and lays them out as output items: one item
 * with `data`, `data_1`, … or one item per file. With no files, one item with just `json`.
 */
export async function downloadFilesAsItems(
	context: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	files: FileToDownload[],
	{ layout, propertyName }: { layout: FileLayout; propertyName: string },
): Promise<INodeExecutionData[]> {
	if (files.length === 0) return [{ json }];
	const binaries: IBinaryData[] = await mapWithConcurrency(
		files,
		PARALLEL_DOWNLOADS,
		async (file) => await downloadAsBinary(context, file.url, itemIndex, file.fileName),
		{ signal: executionSignal(context) },
	);
	if (layout === 'itemPerFile') {
		return binaries.map((binary, index) => ({
			json: { ...json, ...files[index].json },
			binary: { [propertyName]: binary },
		}));
	}
	const binary = Object.fromEntries(
		binaries.map((file, index) => [numberedProperty(propertyName, index), file]),
	);
	return [{ json, binary }];
}
