import type { OperationMap } from '../../shared/router';
import * as health from './health';
import * as job from './job';

export const operations: OperationMap = {
	health: { check: health.check.execute },
	job: {
		create: job.create.execute,
		getStatus: job.getStatus.execute,
		getMany: job.getMany.execute,
		cancel: job.cancel.execute,
	},
};
