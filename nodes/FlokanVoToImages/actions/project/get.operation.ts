import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { isToolMode } from '../../../shared/toolMode';
import { validatorFor } from '../../../shared/validation';
import { projectForAgent } from '../../helpers/agentResult';
import { NOT_ON_TOOL, projectLocator, simplifyField } from '../../helpers/fields';
import { projectIdOf } from '../../helpers/ids';
import { readProjectPage, readWholeProject } from '../../helpers/projectReader';
import { simplifiedProject } from '../../helpers/simplify';
import type { Project } from '../../helpers/types';
import { MAX_SENTENCES_PAGE } from '../../transport';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Sentences',
		name: 'sentences',
		type: 'options',
		default: 'all',
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'Every sentence, fetched page by page until the last one',
			},
			{ name: 'Range', value: 'range', description: 'One page of sentences from an offset' },
		],
	},
	{
		displayName: 'Sentences Offset',
		name: 'sentencesOffset',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Index of the first sentence to return',
		displayOptions: { show: { sentences: ['range'] } },
	},
	{
		displayName: 'Sentences Limit',
		name: 'sentencesLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SENTENCES_PAGE },
		default: 150,
		description:
			'How many sentences to return (max 300). The output says has_more_sentences when more follow.',
		displayOptions: { show: { sentences: ['range'] } },
	},
	{ ...simplifyField, displayOptions: { hide: NOT_ON_TOOL } },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['get'] } },
	properties,
);

export const toolDescription =
	'Reads a Flokan VO to Images project: its status and, per sentence in voiceover order, the sequence number, the start of its text and its image URL (and video URL). Free, takes about a second. A long project is returned in parts that fit the answer; the answer says which Sentences Offset reads the next part. Project: the project ID (a UUID) from Run Pipeline and Wait or Create. Sentences Offset: how many sentences to skip, as told by the previous answer (0 for the start).';

/** The project (or one page of it) as the output says it: raw, simplified, or compact for an agent. */
function projectOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	project: Project,
	page?: { offset: number },
): IDataObject {
	if (isToolMode(context)) {
		const paging = page && {
			offset: page.offset,
			total: typeof project.sentence_count === 'number' ? project.sentence_count : undefined,
			hasMore: project.has_more_sentences === true,
		};
		return projectForAgent(project, undefined, {}, paging);
	}
	if (context.getNodeParameter('simplify', itemIndex, false) !== true) return project;
	const simple = simplifiedProject(project, undefined, {});
	return page
		? { ...simple, sentences_offset: page.offset, has_more_sentences: project.has_more_sentences }
		: simple;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const projectId = projectIdOf(this, itemIndex);
	const mode = check.oneOf('Sentences', this.getNodeParameter('sentences', itemIndex), [
		'all',
		'range',
	] as const);
	if (mode === 'all')
		return asItems(
			this,
			projectOutput(this, itemIndex, await readWholeProject(this, projectId, itemIndex)),
		);
	const offset = check.integer(
		'Sentences Offset',
		this.getNodeParameter('sentencesOffset', itemIndex),
		0,
		Number.MAX_SAFE_INTEGER,
	);
	const limit = check.integer(
		'Sentences Limit',
		this.getNodeParameter('sentencesLimit', itemIndex),
		1,
		MAX_SENTENCES_PAGE,
	);
	const page = await readProjectPage(this, projectId, { offset, limit }, itemIndex);
	return asItems(this, projectOutput(this, itemIndex, page, { offset }));
}
