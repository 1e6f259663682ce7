import type { OperationMap } from '../../shared/router';
import * as image from './image';
import * as job from './job';

export const operations: OperationMap = {
	image: {
		generate: image.generate,
		upload: image.upload,
		estimateCredits: image.estimateCredits,
	},
	job: {
		get: job.get,
		getMany: job.getMany,
	},
};
