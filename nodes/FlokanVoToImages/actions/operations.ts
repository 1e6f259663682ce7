import type { OperationMap } from '../../shared/router';
import * as credits from './credits';
import * as preset from './preset';
import * as project from './project';

export const operations: OperationMap = {
	project: {
		applyPreset: project.applyPreset.execute,
		create: project.create.execute,
		delete: project.deleteProject.execute,
		finalize: project.finalize.execute,
		generatePrompts: project.generatePrompts.execute,
		get: project.get.execute,
		getMany: project.getMany.execute,
		getStatus: project.getStatus.execute,
		runPipeline: project.runPipeline.execute,
		runPrep: project.runPrep.execute,
		setAudio: project.setAudio.execute,
		waitForCompletion: project.waitForCompletion.execute,
	},
	preset: {
		getMany: preset.getMany.execute,
	},
	credits: {
		estimate: credits.estimate.execute,
	},
};
