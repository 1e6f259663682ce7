import { projectCallOperation } from '../../helpers/projectCall';

/** Enqueues image generation for sentences that are prompt_ready (or failed). Paid; sent once. */
export const { description, execute } = projectCallOperation('finalize', 'POST', '/finalize');
