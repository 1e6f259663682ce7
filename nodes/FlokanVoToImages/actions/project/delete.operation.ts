import { projectCallOperation } from '../../helpers/projectCall';

/** Deletes the project, its rows and its audio, image and video files. */
export const { description, execute } = projectCallOperation('delete', 'DELETE', '');

export const toolDescription =
	'Deletes a Flokan VO to Images project for good, with its audio, images and videos (their URLs stop working). Free, about a second. Project: the project ID (a UUID).';
