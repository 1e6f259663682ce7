import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RunContext } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { runItem, waitForRun } from '../../helpers/runs';
import {
	downloadFields,
	pollingFields,
	readDownload,
	readWaitSettings,
} from '../../helpers/runOptions';
import { techniqueLocator, techniqueSlug } from '../../helpers/techniqueLocator';
import { readRunId, runIdField } from '../../helpers/runId';

const properties: INodeProperties[] = [
	techniqueLocator,
	runIdField,
	...downloadFields(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: pollingFields(),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['run'], operation: ['waitForCompletion'] } },
	properties,
);

/** Waits for a run started earlier (e.g. by Run → Create without waiting, or in another execution). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const slug = techniqueSlug(this, itemIndex);
	const runId = readRunId(this, itemIndex, check);
	const download = readDownload(this, itemIndex, check);
	const waitSettings = readWaitSettings(this, itemIndex, run, check);
	const finished = await waitForRun.call(this, slug, runId, waitSettings, itemIndex);
	return [await runItem.call(this, slug, finished, itemIndex, download)];
}
