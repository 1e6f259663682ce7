import type { OperationMap } from '../../shared/router';
import * as credits from './credits';
import * as preset from './preset';
import * as project from './project';

export const operations: OperationMap = {
	project: {
		applyPreset: project.applyPreset,
		create: project.create,
		delete: project.deleteProject,
		finalize: project.finalize,
		generatePrompts: project.generatePrompts,
		get: project.get,
		getMany: project.getMany,
		getStatus: project.getStatus,
		runPipeline: project.runPipeline,
		runPrep: project.runPrep,
		setAudio: project.setAudio,
		waitForCompletion: project.waitForCompletion,
	},
	preset: {
		getMany: preset.getMany,
	},
	credits: {
		estimate: credits.estimate,
	},
};
