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
import type { AutoStatus, ImageRecord, Project, Sentence } from './types';

export interface ResultOptions {
	mode: OutputMode;
	download: boolean;
	binaryPropertyName: string;
}

const DOWNLOAD_CONCURRENCY = 4;

const completedImages = (sentence: Sentence) =>
	(sentence.images ?? []).filter((image) => typeof image.image_url === 'string');

/** The newest completed image of a sentence (images are listed oldest first). */
const latestImage = (sentence: Sentence): ImageRecord | undefined =>
	completedImages(sentence).at(-1);

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
	const video = (sentence.video_jobs ?? [])
		.filter((job) => typeof job.video_url === 'string')
		.at(-1);
	return {
		...sentence,
		image_url: image?.image_url ?? null,
		image_urls: completedImages(sentence).map((i) => i.image_url as string),
		...(video ? { video_url: video.video_url } : {}),
	};
}

interface Planned {
	json: IDataObject;
	downloads: Array<{ property: string; url: string; fileName: string }>;
}

function plan(
	project: Project,
	status: AutoStatus | undefined,
	extra: IDataObject,
	options: ResultOptions,
): Planned[] {
	const summary = projectSummary(project, status);
	const name = options.binaryPropertyName;
	if (options.mode === 'project') {
		const sentences = project.sentences.map(sentenceJson);
		const fields: IDataObject = { ...project };
		delete fields.sentences;
		const downloads = project.sentences.flatMap((sentence) => {
			const image = latestImage(sentence);
			return image
				? [
						{
							property: `${name}_${sentence.sequence}`,
							url: image.image_url as string,
							fileName: fileNameFor(sentence, image.image_url as string),
						},
					]
				: [];
		});
		const json = {
			...fields,
			...summary,
			...extra,
			image_urls: sentences.map((s) => s.image_url).filter((url) => url !== null),
			sentences,
		};
		return [{ json, downloads }];
	}
	if (options.mode === 'sentence') {
		return project.sentences.map((sentence) => {
			const json = { project_id: project.id, project: summary, ...sentenceJson(sentence) };
			const image = latestImage(sentence);
			const downloads = image
				? [
						{
							property: name,
							url: image.image_url as string,
							fileName: fileNameFor(sentence, image.image_url as string),
						},
					]
				: [];
			return { json, downloads };
		});
	}
	return project.sentences.flatMap((sentence) =>
		completedImages(sentence).map((image) => ({
			json: {
				project_id: project.id,
				project: summary,
				sentence_id: sentence.id,
				sequence: sentence.sequence,
				segment_id: sentence.segment_id ?? null,
				text: sentence.text,
				prompt: sentence.prompt ?? null,
				sentence_status: sentence.status,
				image_id: image.id,
				image_url: image.image_url as string,
				image_status: image.status,
			},
			downloads: [
				{
					property: name,
					url: image.image_url as string,
					fileName: fileNameFor(sentence, image.image_url as string),
				},
			],
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
