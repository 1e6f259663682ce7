import type { OperationMap } from '../../shared/router';
import * as generation from './generation';
import * as thumbnail from './thumbnail';

export const operations: OperationMap = {
	thumbnail: {
		generate: thumbnail.generate.execute,
		searchYoutube: thumbnail.searchYoutube.execute,
	},
	generation: {
		get: generation.get.execute,
		getMany: generation.getMany.execute,
		delete: generation.deleteGeneration.execute,
	},
};
