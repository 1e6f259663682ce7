import { projectCallOperation } from '../../helpers/projectCall';

/** Deletes the project, its rows and its audio, image and video files. */
export const { description, execute } = projectCallOperation('delete', 'DELETE', '');
