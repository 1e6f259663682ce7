import type { IHookFunctions } from 'n8n-workflow';

/**
 * Vidgen has no API to register webhooks: the URL travels with each job as `webhookUrl`. So there is
 * nothing to check, create or delete when a workflow is activated or deactivated.
 */
export const nothingToRegister = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};
