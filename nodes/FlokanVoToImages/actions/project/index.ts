import type { INodeProperties } from 'n8n-workflow';

import * as applyPreset from './applyPreset.operation';
import * as create from './create.operation';
import * as deleteProject from './delete.operation';
import * as finalize from './finalize.operation';
import * as generatePrompts from './generatePrompts.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getStatus from './getStatus.operation';
import * as runPipeline from './runPipeline.operation';
import * as runPrep from './runPrep.operation';
import * as setAudio from './setAudio.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export {
	applyPreset,
	create,
	deleteProject,
	finalize,
	generatePrompts,
	get,
	getMany,
	getStatus,
	runPipeline,
	runPrep,
	setAudio,
	waitForCompletion,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{
				name: 'Apply Preset',
				value: 'applyPreset',
				description: 'Load a saved settings preset onto a project (workflow mode is kept)',
				action: 'Apply a preset to a project',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a project',
				action: 'Create a project',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a project with its audio, images and videos',
				action: 'Delete a project',
			},
			{
				name: 'Finalize',
				value: 'finalize',
				description: 'Enqueue image generation for the sentences that have prompts',
				action: 'Finalize a project',
			},
			{
				name: 'Generate Prompts',
				value: 'generatePrompts',
				description: 'Generate prompts for one segment or all segments without prompts',
				action: 'Generate prompts for a project',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a project with its sentences, images and videos',
				action: 'Get a project',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List projects',
				action: 'Get many projects',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the automatic-mode step and progress counts',
				action: 'Get the status of a project',
			},
			{
				name: 'Run Pipeline and Wait',
				value: 'runPipeline',
				description:
					'Create a project from an audio URL, prepare it, generate all prompts, finalize and wait for the images',
				action: 'Run the full pipeline and wait',
			},
			{
				name: 'Run Prep',
				value: 'runPrep',
				description:
					'Transcribe, detect characters and segment (auto-run); returns the segment IDs',
				action: 'Run prep on a project',
			},
			{
				name: 'Set Audio',
				value: 'setAudio',
				description: 'Point the project at an audio URL the server fetches',
				action: 'Set the audio of a project',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				description: 'Wait until every image (and video) is done, then output the results',
				action: 'Wait for a project to complete',
			},
		],
		default: 'runPipeline',
	},
	...runPipeline.description,
	...create.description,
	...get.description,
	...getMany.description,
	...deleteProject.description,
	...setAudio.description,
	...applyPreset.description,
	...runPrep.description,
	...generatePrompts.description,
	...finalize.description,
	...getStatus.description,
	...waitForCompletion.description,
];
