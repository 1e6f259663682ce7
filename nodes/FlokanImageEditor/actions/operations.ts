import type { OperationMap } from '../../shared/router';
import * as image from './image';
import * as job from './job';

export const operations: OperationMap = {
	image: {
		generate: image.generate.execute,
		upload: image.upload.execute,
		estimateCredits: image.estimateCredits.execute,
	},
	job: {
		get: job.get.execute,
		getMany: job.getMany.execute,
	},
};
