import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { downloadAsBinary, fileNameFromUrl } from '../../shared/binary';
import { mapWithConcurrency } from '../../shared/concurrency';
import { executionSignal } from '../../shared/transport';
import type { OutputMode } from './fields';
import {
	completedImages,
	latestImage,
	latestVideoUrl,
	simplifiedImage,
	simplifiedProject,
	simplifiedSentence,
} from './simplify';
import type { AutoStatus, ImageRecord, Project, Sentence } from './types';

export interface ResultOptions {
	mode: OutputMode;
	download: boolean;
	binaryPropertyName: string;
	/** Simplify: the lean shape (see simplify.ts) instead of the API's raw records. */
	simplify: boolean;
}

const DOWNLOAD_CONCURRENCY = 4;

function fileNameFor(sentence: Sentence, url: string) {
	const extension = /\.[a-z0-9]{2,5}$/i.exec(fileNameFromUrl(url))?.[0] ?? '.png';
	return `sentence-${sentence.sequence}${extension}`;
}

function projectSummary(project: Project, status: AutoStatus | undefined): IDataObject {
	return {
		id: project.id,
		title: project.title,
		status: status?.status ?? project.status,
		auto_step: status?.auto_step ?? project.auto_step,
		...(status ? { is_done: status.is_done, progress: status.progress } : {}),
	};
}

function sentenceJson(sentence: Sentence): IDataObject {
	const image = latestImage(sentence);
	const video = latestVideoUrl(sentence);
	return {
		...sentence,
		image_url: image?.image_url ?? null,
		image_urls: completedImages(sentence).map((i) => i.image_url as string),
		...(video ? { video_url: video } : {}),
	};
}

/** The project as the API gives it, with its state, the pipeline's report and every image URL. */
function rawProjectJson(
	project: Project,
	status: AutoStatus | undefined,
	extra: IDataObject,
): IDataObject {
	const sentences = project.sentences.map(sentenceJson);
	const fields: IDataObject = { ...project };
	delete fields.sentences;
	return {
		...fields,
		...projectSummary(project, status),
		...extra,
		image_urls: sentences.map((s) => s.image_url).filter((url) => url !== null),
		sentences,
	};
}

function rawImageJson(
	project: Project,
	status: AutoStatus | undefined,
	sentence: Sentence,
	image: ImageRecord,
): IDataObject {
	return {
		project_id: project.id,
		project: projectSummary(project, status),
		sentence_id: sentence.id,
		sequence: sentence.sequence,
		segment_id: sentence.segment_id ?? null,
		text: sentence.text,
		prompt: sentence.prompt ?? null,
		sentence_status: sentence.status,
		image_id: image.id,
		image_url: image.image_url as string,
		image_status: image.status,
	};
}

interface Download {
	property: string;
	url: string;
	fileName: string;
}

interface Planned {
	json: IDataObject;
	downloads: Download[];
}

function downloadOf(sentence: Sentence, image: ImageRecord | undefined, property: string) {
	if (!image) return [];
	const url = image.image_url as string;
	return [{ property, url, fileName: fileNameFor(sentence, url) }];
}

function plan(
	project: Project,
	status: AutoStatus | undefined,
	extra: IDataObject,
	options: ResultOptions,
): Planned[] {
	const name = options.binaryPropertyName;
	if (options.mode === 'project') {
		const json = options.simplify
			? simplifiedProject(project, status, extra)
			: rawProjectJson(project, status, extra);
		const downloads = project.sentences.flatMap((sentence) =>
			downloadOf(sentence, latestImage(sentence), `${name}_${sentence.sequence}`),
		);
		return [{ json, downloads }];
	}
	if (options.mode === 'sentence') {
		return project.sentences.map((sentence) => ({
			json: options.simplify
				? { project_id: project.id, ...simplifiedSentence(sentence) }
				: {
						project_id: project.id,
						project: projectSummary(project, status),
						...sentenceJson(sentence),
					},
			downloads: downloadOf(sentence, latestImage(sentence), name),
		}));
	}
	return project.sentences.flatMap((sentence) =>
		completedImages(sentence).map((image) => ({
			json: options.simplify
				? simplifiedImage(project, sentence, image)
				: rawImageJson(project, status, sentence, image),
			downloads: downloadOf(sentence, image, name),
		})),
	);
}

/** The finished project as output items in the chosen shape, optionally with the images as binary data. */
export async function resultItems(
	context: IExecuteFunctions,
	project: Project,
	status: AutoStatus | undefined,
	extra: IDataObject,
	options: ResultOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const planned = plan(project, status, extra, options);
	if (!options.download) return planned.map(({ json }) => ({ json }));
	const jobs = planned.flatMap((p, index) => p.downloads.map((d) => ({ ...d, index })));
	const binaries = planned.map((): IBinaryKeyData => ({}));
	await mapWithConcurrency(
		jobs,
		DOWNLOAD_CONCURRENCY,
		async (job) => {
			binaries[job.index][job.property] = await downloadAsBinary(
				context,
				job.url,
				itemIndex,
				job.fileName,
			);
		},
		{ signal: executionSignal(context) },
	);
	return planned.map(({ json }, index) =>
		Object.keys(binaries[index]).length ? { json, binary: binaries[index] } : { json },
	);
}
