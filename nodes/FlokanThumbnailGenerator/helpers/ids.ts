import type { FieldValidator } from '../../shared/validation';

/** For the resource locator's own check in the UI (the node trims spaces before use). */
export const UUID_LOCATOR_REGEX =
	'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** A required ID; checking the form also keeps stray text out of URL paths. */
export function requiredUuid(check: FieldValidator, field: string, value: unknown): string {
	return check.optionalUuid(field, value) ?? check.fail(field, 'it is empty', 'an ID (a UUID)');
}
