import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { apiRequest } from '../../../shared/transport';
import { VIDGEN_PATHS, vidgen } from '../../transport';

export const description: INodeProperties[] = [];

export const toolDescription =
	'Checks whether the Vidgen video API is up: answers status "ok" when it is. Free and instant; takes no fields.';

/** GET /health: the liveness probe (it needs no key). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const health = (await apiRequest.call(this, vidgen, {
		method: 'GET',
		path: VIDGEN_PATHS.health,
		itemIndex,
	})) as IDataObject;
	return asItems(this, health);
}
