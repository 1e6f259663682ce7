import type { IExecuteFunctions } from 'n8n-workflow';

import { MAX_SENTENCES_PAGE } from '../transport';
import { voRequest } from './request';
import type { Project } from './types';

/** One page of a project's sentences, exactly as asked. */
export async function readProjectPage(
	context: IExecuteFunctions,
	projectId: string,
	page: { offset: number; limit: number },
	itemIndex: number,
): Promise<Project> {
	return await voRequest<Project>(context, {
		method: 'GET',
		path: `/projects/${encodeURIComponent(projectId)}`,
		qs: { sentences_offset: page.offset, sentences_limit: page.limit },
		itemIndex,
	});
}

/** The project with every sentence, paging through `has_more_sentences` at the largest page size. */
export async function readWholeProject(
	context: IExecuteFunctions,
	projectId: string,
	itemIndex: number,
): Promise<Project> {
	const first = await readProjectPage(
		context,
		projectId,
		{ offset: 0, limit: MAX_SENTENCES_PAGE },
		itemIndex,
	);
	const sentences = [...(first.sentences ?? [])];
	let last = first;
	while (last.has_more_sentences === true) {
		last = await readProjectPage(
			context,
			projectId,
			{ offset: sentences.length, limit: MAX_SENTENCES_PAGE },
			itemIndex,
		);
		const page = last.sentences ?? [];
		if (page.length === 0) break;
		sentences.push(...page);
	}
	const project: Project = { ...first, sentences };
	delete project.has_more_sentences;
	delete project.sentences_offset;
	delete project.sentences_limit;
	return project;
}
