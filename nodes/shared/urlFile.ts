import type { IExecuteFunctions, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FileSource } from './binary';
import { fileNameFromUrl } from './binary';
import { operationError, setRetryHint } from './errors';
import {
	SNIFF_BYTES,
	extensionOf,
	isUnspecificType,
	normalisedMimeType,
	sniffMediaType,
	typeByExtension,
} from './mediaType';
import { pause } from './pause';
import { parseRetryAfter, withRetries } from './retryPolicy';
import { executionSignal, stoppedError } from './transport';
import type { UrlRefusal } from './urlGuard';
import { refusalOf, shownUrl } from './urlGuard';
import { validatorFor } from './validation';

/** What a file fetched from a URL must be, and how errors name it. */
export interface UrlFileRules {
	/** The node field holding the URL, e.g. "Image URL". */
	field: string;
	maxBytes: number;
	allowedTypes: readonly string[];
	/** The allowed types as the user reads them. */
	allowedText: string;
	/** Name for a file whose URL has none, e.g. "image" (the extension is added). */
	fallbackName: string;
	allowPrivate: boolean;
	itemIndex: number;
	/** A tighter end than the download timeout (epoch ms), and what it is called in errors. */
	deadline?: { at: number; name: string };
}

/** A downloaded file, ready to be written into a request body once. */
export interface UrlFile extends FileSource {
	fileName: string;
	contentType: string;
}

const MAX_REDIRECTS = 5;
const DOWNLOAD_TIMEOUT_MS = 300_000;
const TIMER_SLACK_MS = 100;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

function destroy(body: unknown) {
	(body as { destroy?: () => void } | null)?.destroy?.();
}

/** The file name a Content-Disposition header gives, if any. */
function dispositionFileName(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// fall through to the plain form
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name ? name.split(/[\\/]/).pop() : undefined;
}

class UrlDownload {
	private readonly signal;
	/** Lets go of the current response; with `hangUp`, before its body was read to the end. */
	private release: (hangUp: boolean) => void = () => undefined;

	private readonly deadline: number;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly url: string,
		private readonly rules: UrlFileRules,
	) {
		this.signal = executionSignal(context);
		this.deadline = Math.min(Date.now() + DOWNLOAD_TIMEOUT_MS, rules.deadline?.at ?? Infinity);
	}

	private timedOut = false;

	/**
	 * Ends the download at its deadline, also while a body stalls (the request's timeout only covers
	 * the wait for the headers). Returns the function that stops watching.
	 */
	watch(): () => void {
		const watchdog = new AbortController();
		void pause(this.deadline - Date.now(), watchdog.signal).then((expired) => {
			if (!expired) return;
			this.timedOut = true;
			this.release(true);
		});
		return () => watchdog.abort();
	}

	/** The error for a download that outlived its deadline, if it did. */
	tooLong(): Error | undefined {
		// Timers may run a few ms early against Date.now().
		if (!this.timedOut && Date.now() < this.deadline - TIMER_SLACK_MS) return undefined;
		const { deadline } = this.rules;
		if (deadline && deadline.at <= this.deadline)
			return this.failed(`it did not finish within ${deadline.name}`);
		return this.failed(`it took longer than ${DOWNLOAD_TIMEOUT_MS / 1000} s`);
	}

	refuse(problem: string, allowed: string): never {
		const { field, itemIndex } = this.rules;
		return validatorFor(this.context, itemIndex).fail(
			field,
			`${shownUrl(this.url)} ${problem}`,
			allowed,
		);
	}

	failed(problem: string, retryable = false): Error {
		const error = operationError(
			this.context.getNode(),
			`Could not download the ${this.rules.field} ${shownUrl(this.url)}: ${problem}`,
			{
				itemIndex: this.rules.itemIndex,
				description:
					'Nothing was submitted. The URL must answer with the file itself, without signing in.',
			},
		);
		return setRetryHint(error, { retryable });
	}

	/**
	 * One GET without following redirects: each hop is checked before it is requested. The request
	 * gets its own abort signal (also aborted when the execution is stopped): destroying the body
	 * alone does not close the connection of a body never read (axios 1.18 wraps it in a stream that
	 * only closes the socket once reading has started), aborting the request does.
	 */
	async get(target: URL): Promise<IN8nHttpFullResponse> {
		const late = this.tooLong();
		if (late) throw late;
		const controller = new AbortController();
		const stop = () => controller.abort();
		this.signal?.addEventListener('abort', stop, { once: true });
		let response: IN8nHttpFullResponse | undefined;
		this.release = (hangUp) => {
			this.signal?.removeEventListener('abort', stop);
			if (!hangUp) return;
			destroy(response?.body);
			controller.abort();
		};
		try {
			response = (await this.context.helpers.httpRequest({
				method: 'GET',
				url: target.href,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: Math.max(1, this.deadline - Date.now()),
				abortSignal: controller.signal,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			this.release(true);
			if (this.signal?.aborted)
				throw stoppedError(this.context, 'downloading a file', this.rules.itemIndex);
			const late = this.tooLong();
			if (late) throw late;
			const { name, message } = error as Error;
			if (name?.startsWith('Ssrf'))
				throw this.failed(`n8n's SSRF protection refused it (${message})`);
			throw this.failed(message, true);
		}
		const status = response.statusCode;
		if (status === 429 || status >= 500) {
			this.release(true);
			const error = this.failed(`HTTP ${status}`);
			throw setRetryHint(error, {
				retryable: true,
				retryAfterMs: parseRetryAfter(header(response, 'retry-after')),
			});
		}
		return response;
	}

	/** Follows at most MAX_REDIRECTS redirects, checking every URL before it is requested. */
	async open(): Promise<{ response: IN8nHttpFullResponse; target: URL }> {
		let target = new URL(this.url);
		for (let hop = 0; ; hop++) {
			const refusal: UrlRefusal | undefined = await refusalOf(this.context, target, this.rules);
			if (refusal) {
				const via = hop === 0 ? '' : `redirects to ${shownUrl(target)}, which `;
				this.refuse(`${via}${refusal.problem}`, refusal.allowed);
			}
			const current = target;
			const response = await withRetries(
				{ resendable: true, signal: this.signal, deadline: this.deadline },
				async () => await this.get(current),
			);
			if (!REDIRECT_STATUSES.includes(response.statusCode)) return { response, target };
			this.release(true);
			const location = header(response, 'location');
			if (!location) throw this.failed(`HTTP ${response.statusCode} without a Location`);
			if (hop === MAX_REDIRECTS)
				this.refuse(
					`redirects more than ${MAX_REDIRECTS} times`,
					`a URL that answers with the file within ${MAX_REDIRECTS} redirects`,
				);
			target = new URL(location, target);
		}
	}

	/** The type of a file sent without a telling Content-Type: from its first bytes, else its name. */
	undeclaredTypeOf(head: Buffer, fileName: string): string | undefined {
		return sniffMediaType(head) ?? typeByExtension(fileName);
	}

	checkType(type: string | undefined, declared: string): string {
		if (type === undefined) {
			this.refuse(
				`is ${declared || 'sent without a Content-Type'}, and neither its first bytes nor its name show an accepted type`,
				this.rules.allowedText,
			);
		}
		if (!this.rules.allowedTypes.includes(type)) this.refuse(`is ${type}`, this.rules.allowedText);
		return type;
	}

	/** A refusal as it was thrown; a stop or a broken connection as a download failure. */
	readFailure(error: Error): Error {
		if (this.signal?.aborted)
			return stoppedError(this.context, 'downloading a file', this.rules.itemIndex);
		if (error instanceof NodeOperationError) return error;
		return this.tooLong() ?? this.failed(error.message, true);
	}

	/**
	 * Reads the body chunk by chunk. The Content-Length and Content-Type are checked before the
	 * first byte is read, and the count and the first bytes again while reading: a missing or
	 * false Content-Length cannot let more than maxBytes in.
	 */
	async read(response: IN8nHttpFullResponse, target: URL): Promise<UrlFile> {
		const { maxBytes } = this.rules;
		const limit = megabytes(maxBytes).replace('.0 ', ' ');
		const body = response.body as AsyncIterable<Buffer>;
		const fileName =
			dispositionFileName(header(response, 'content-disposition')) ??
			fileNameFromUrl(target.href, '');
		const declared = normalisedMimeType(header(response, 'content-type'));
		const lengthHeader = header(response, 'content-length');
		const declaredLength = lengthHeader === undefined ? undefined : Number(lengthHeader);
		let type: string | undefined;
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			if (response.statusCode >= 300) throw this.failed(`HTTP ${response.statusCode}`);
			if (declaredLength !== undefined && declaredLength > maxBytes)
				this.refuse(
					`is ${megabytes(declaredLength)} (its Content-Length)`,
					`files of at most ${limit}`,
				);
			if (!isUnspecificType(declared)) type = this.checkType(declared, declared);
			for await (const chunk of body) {
				size += chunk.length;
				if (size > maxBytes) {
					const said =
						declaredLength === undefined
							? 'it sent no Content-Length'
							: `its Content-Length said ${declaredLength} bytes`;
					this.refuse(
						`sent more than ${limit} (${said}); the download was stopped there`,
						`files of at most ${limit}`,
					);
				}
				chunks.push(chunk);
				if (type === undefined && size >= SNIFF_BYTES)
					type = this.checkType(
						this.undeclaredTypeOf(Buffer.concat(chunks).subarray(0, SNIFF_BYTES), fileName),
						declared,
					);
				const late = this.tooLong();
				if (late) throw late;
			}
			this.release(false);
		} catch (error) {
			this.release(true);
			throw this.readFailure(error as Error);
		}
		type ??= this.checkType(this.undeclaredTypeOf(Buffer.concat(chunks), fileName), declared);
		return heldFile(
			this.context.getNode(),
			chunks,
			size,
			fileName || `${this.rules.fallbackName}.${extensionOf(type)}`,
			type,
		);
	}
}

/** The chunks as a body source; they are let go as they are copied, so the file is held once. */
function heldFile(
	node: INode,
	chunks: Buffer[],
	size: number,
	fileName: string,
	contentType: string,
): UrlFile {
	let written = false;
	return {
		fileName,
		contentType,
		size,
		async writeInto(target: Buffer, offset: number) {
			if (written)
				throw new NodeOperationError(node, `${fileName} was already written into a body`);
			written = true;
			let position = offset;
			for (let index = 0; index < chunks.length; index++) {
				position += chunks[index].copy(target, position);
				chunks[index] = Buffer.alloc(0);
			}
			chunks.length = 0;
		},
	};
}

/**
 * Downloads a file from a URL for an upload: without the API key (plain httpRequest), streamed,
 * with every hop checked by urlGuard.ts, and its size and type checked against `rules` before and
 * while it is read. Errors name the field, the URL (without its query) and what is allowed.
 */
export async function downloadUrlFile(
	context: IExecuteFunctions,
	url: string,
	rules: UrlFileRules,
): Promise<UrlFile> {
	const download = new UrlDownload(context, url, rules);
	const stopWatching = download.watch();
	try {
		const { response, target } = await download.open();
		return await download.read(response, target);
	} finally {
		stopWatching();
	}
}
