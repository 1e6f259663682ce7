import type { OperationMap } from '../../shared/router';
import * as run from './run';
import * as technique from './technique';

export const operations: OperationMap = {
	technique: { get: technique.get.execute },
	run: {
		create: run.create.execute,
		get: run.get.execute,
		waitForCompletion: run.waitForCompletion.execute,
	},
};
