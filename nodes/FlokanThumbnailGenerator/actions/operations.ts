import type { OperationMap } from '../../shared/router';
import * as generation from './generation';
import * as thumbnail from './thumbnail';

export const operations: OperationMap = {
	thumbnail: {
		generate: thumbnail.generate,
		searchYoutube: thumbnail.searchYoutube,
	},
	generation: {
		get: generation.get,
		getMany: generation.getMany,
		delete: generation.deleteGeneration,
	},
};
