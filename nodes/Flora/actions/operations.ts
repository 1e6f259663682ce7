import type { OperationMap } from '../../shared/router';
import * as run from './run';
import * as technique from './technique';

export const operations: OperationMap = {
	technique: { get: technique.get },
	run: {
		create: run.create,
		get: run.get,
		waitForCompletion: run.waitForCompletion,
	},
};
