import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldValidator } from '../../shared/validation';

export const runIdField: INodeProperties = {
	displayName: 'Run ID',
	name: 'runId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. run_abc123',
	description: 'The runId returned by Run → Create, for the same technique',
};

export function readRunId(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): string {
	const runId = check.text('Run ID', context.getNodeParameter('runId', itemIndex), 1, 200).trim();
	if (!/^[A-Za-z0-9_-]+$/.test(runId))
		check.fail(
			'Run ID',
			`"${runId}" is not a run ID`,
			'the runId returned by Run → Create, e.g. run_abc123',
		);
	return runId;
}
