import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	binaryOutputProperty,
	itemsInParallelOption,
	waitOptions,
} from '../../shared/descriptions';
import type { RunContext } from '../../shared/router';
import { downloadsBinary } from '../../shared/toolMode';
import type { FieldValidator } from '../../shared/validation';
import type { WaitSettings } from './runs';

/** The page advises polling every 2–5 seconds. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 3;
export const DEFAULT_MAX_WAIT_SECONDS = 900;

/** Runs started (and waited for) at once; FLORA runs them on its side, the node mostly polls. */
export const FLORA_ITEMS_IN_PARALLEL = 5;

export const floraItemsInParallelOption = itemsInParallelOption(
	FLORA_ITEMS_IN_PARALLEL,
	'Each item starts its own run and waits for it; the waits share one Max Wait.',
);

export const pollingFields = (): INodeProperties[] =>
	waitOptions({
		intervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS,
		maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS,
	});

/** "Download Outputs" and the binary field name (shown once downloads are on). */
export const downloadFields = (): INodeProperties[] => [
	{
		displayName: 'Download Outputs',
		name: 'downloadOutputs',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the output files into binary fields. FLORA output URLs are long-lived but not permanent. With several outputs the fields are numbered: data_0, data_1, ….',
	},
	{ ...binaryOutputProperty('data'), displayOptions: { show: { downloadOutputs: [true] } } },
];

function positiveNumber(check: FieldValidator, field: string, value: unknown): number {
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0)
		check.fail(field, `${String(value)} is not a positive number`, 'a number of seconds above 0');
	return number;
}

/** Poll interval and the run-wide wait budget, checked before any request. */
export function readWaitSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	check: FieldValidator,
): WaitSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as {
		pollIntervalSeconds?: number;
		maxWaitSeconds?: number;
	};
	const interval = positiveNumber(
		check,
		'Poll Interval (Seconds)',
		options.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
	);
	const maxWait = positiveNumber(
		check,
		'Max Wait (Seconds)',
		options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS,
	);
	return { intervalMs: interval * 1000, budget: run.budget(maxWait) };
}

export interface DownloadSettings {
	binaryPropertyName: string;
}

/** Where to download the outputs to, if asked; never for an AI Agent's tool (it gets the URLs). */
export function readDownload(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): DownloadSettings | undefined {
	const asked = context.getNodeParameter('downloadOutputs', itemIndex, false) as boolean;
	if (!downloadsBinary(context, asked)) return undefined;
	const binaryPropertyName = check.text(
		'Put Output File in Field',
		context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		1,
		200,
	);
	return { binaryPropertyName };
}
