import { projectCallOperation } from '../../helpers/projectCall';

/** The cheap automatic-mode status: step, is_done and progress counts. */
export const { description, execute } = projectCallOperation('getStatus', 'GET', '/auto-status');
