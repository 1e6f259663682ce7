import type { IExecuteFunctions } from 'n8n-workflow';

import { operationError } from './errors';

/**
 * Field checks that run before any request is sent. Each names the field as the user sees it, what
 * is allowed, and the item.
 */
export class FieldValidator {
	constructor(
		private readonly context: Pick<IExecuteFunctions, 'getNode'>,
		private readonly itemIndex: number,
	) {}

	fail(field: string, problem: string, allowed?: string): never {
		throw operationError(this.context.getNode(), `Invalid "${field}": ${problem}`, {
			itemIndex: this.itemIndex,
			description: allowed ? `Allowed: ${allowed}.` : undefined,
		});
	}

	/** A string of `min`–`max` characters. Returns it trimmed of nothing: the API gets what was typed. */
	text(field: string, value: unknown, min: number, max: number): string {
		if (typeof value !== 'string')
			this.fail(field, `expected text, got ${typeof value}`, `${min}–${max} characters`);
		if (value.length < min || value.length > max) {
			this.fail(field, `${value.length} characters`, `${min}–${max} characters`);
		}
		return value;
	}

	/** Optional text: empty means "not given". */
	optionalText(field: string, value: unknown, max: number): string | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		return this.text(field, value, 1, max);
	}

	oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
		if (!allowed.includes(value as T))
			this.fail(field, `"${String(value)}" is not supported`, allowed.join(', '));
		return value as T;
	}

	integer(field: string, value: unknown, min: number, max: number): number {
		const number = Number(value);
		if (!Number.isInteger(number) || number < min || number > max) {
			this.fail(field, `${String(value)} is out of range`, `a whole number from ${min} to ${max}`);
		}
		return number;
	}

	/** Optional UUID (the form APIs use for ids): empty means "not given". */
	optionalUuid(field: string, value: unknown): string | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		const text = typeof value === 'string' ? value.trim() : value;
		if (
			typeof text !== 'string' ||
			!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)
		) {
			this.fail(
				field,
				`"${String(value)}" is not a UUID`,
				'an ID like 9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6',
			);
		}
		return text;
	}

	/** An absolute URL; `https` only unless `allowHttp`. */
	url(field: string, value: unknown, { max = 2000, allowHttp = false } = {}): string {
		const protocols = allowHttp ? 'http:// or https://' : 'https://';
		const text = this.text(field, value, 1, max);
		let parsed: URL;
		try {
			parsed = new URL(text);
		} catch {
			return this.fail(field, `"${text}" is not a URL`, `a URL starting with ${protocols}`);
		}
		const ok = parsed.protocol === 'https:' || (allowHttp && parsed.protocol === 'http:');
		if (!ok)
			this.fail(
				field,
				`"${parsed.protocol}" URLs are not accepted`,
				`a URL starting with ${protocols}`,
			);
		return text;
	}

	optionalUrl(
		field: string,
		value: unknown,
		options?: { max?: number; allowHttp?: boolean },
	): string | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		return this.url(field, value, options);
	}
}

export function validatorFor(context: Pick<IExecuteFunctions, 'getNode'>, itemIndex: number) {
	return new FieldValidator(context, itemIndex);
}
