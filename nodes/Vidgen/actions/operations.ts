import type { OperationMap } from '../../shared/router';
import * as health from './health';
import * as job from './job';

export const operations: OperationMap = {
	health: { check: health.check },
	job: {
		create: job.create,
		getStatus: job.getStatus,
		getMany: job.getMany,
		cancel: job.cancel,
	},
};
