'use strict';
/**
 * Matrix cells that every API gets, parameterised by a small spec:
 *   arrange(fake)            → ctx: state the run needs, set up before any fault is injected
 *   path(ctx)                → the route the fault hits (string or RegExp)
 *   act(fake, ctx, { fault }) → the node run (fault: the kind injected, for paid POSTs)
 *   ok(result, fake, ctx)    → asserts a successful outcome
 */
const { cell } = require('./matrix');
const { RETRY_AFTER_FORMS, retryAfterSeconds, assertQuietDuringWait } = require('./timing');
const { errorText } = require('./apis');
const { checked, leaksIn } = require('./leak');

const GET_BURST = 3;

const matching = (fake, method, path) => fake.requests(method, path);

/** 429 with Retry-After in seconds and as an HTTP date on one GET route: waits, then succeeds. */
function retryAfterOnGet(api, label, spec) {
	for (const [form, make] of RETRY_AFTER_FORMS) {
		cell(api, `429 Retry-After (${form}) on GET ${label}`, async () => {
			const fake = spec.fake();
			const ctx = (await spec.arrange?.(fake)) ?? {};
			const retryAfter = make();
			fake.addFault({ method: 'GET', path: spec.path(ctx), kind: '429', retryAfter: retryAfter.header, times: 1 });
			const result = await spec.act(fake, ctx);
			expect(errorText(result.error)).toBe('');
			await spec.ok(result, fake, ctx);
			const { refused, later } = assertQuietDuringWait(fake, retryAfter);
			const again = later.filter((e) => e.method === 'GET' && e.path === refused.path);
			expect(again.length).toBeGreaterThan(0);
			expect(again[0].status).toBe(200);
			return `re-sent after ${again[0].at - refused.at} ms`;
		});
	}
}

/** 500 and 503 bursts and dropped connections on a GET (a poll where the API polls): retried, then done. */
function burstOnGet(api, label, spec, note) {
	for (const kind of ['500', '503', 'drop']) {
		const name = kind === 'drop' ? `dropped connections ×${GET_BURST} on ${label}` : `${kind} burst ×${GET_BURST} on ${label}`;
		cell(api, name, async () => {
			const fake = spec.fake();
			const ctx = (await spec.arrange?.(fake)) ?? {};
			fake.addFault({ method: 'GET', path: spec.path(ctx), kind, times: GET_BURST });
			const result = await spec.act(fake, ctx);
			expect(errorText(result.error)).toBe('');
			await spec.ok(result, fake, ctx);
			const hits = matching(fake, 'GET', spec.path(ctx));
			expect(hits.filter((e) => e.fault === kind)).toHaveLength(GET_BURST);
			expect(hits.some((e) => e.status === 200)).toBe(true);
			return note;
		});
	}
}

/** A 200 whose body is not JSON, on a GET: re-read (or a clear error), never silent garbage. */
function malformedOnGet(api, label, spec) {
	cell(api, `malformed JSON on GET ${label}`, async () => {
		const fake = spec.fake();
		const ctx = (await spec.arrange?.(fake)) ?? {};
		fake.addFault({ method: 'GET', path: spec.path(ctx), kind: 'malformed', times: 1 });
		const result = await spec.act(fake, ctx);
		const hits = matching(fake, 'GET', spec.path(ctx));
		if (result.error) {
			expect(result.error.message).toMatch(/not valid JSON/);
			return 'clear error';
		}
		await spec.ok(result, fake, ctx);
		expect(hits.filter((e) => e.fault === 'malformed')).toHaveLength(1);
		expect(hits.at(-1).status).toBe(200);
		return 're-read';
	});
}

const POST_FAULTS = [
	{ name: '500 before any work', kind: '500', afterHandler: false },
	{ name: '503 before any work', kind: '503', afterHandler: false },
	{ name: 'dropped connection before any work', kind: 'drop', afterHandler: false },
	{ name: '500 after the work was done', kind: '500', afterHandler: true },
	{ name: 'dropped connection after the work was done', kind: 'drop', afterHandler: true },
	{ name: 'malformed JSON answer', kind: 'malformed', afterHandler: false },
];

/**
 * The faults on a paid POST. A paid POST is never sent twice after a 5xx, a dropped connection or
 * a malformed answer, and the error names what to check; a 429 is re-sent once after Retry-After
 * and the work happens once.
 *   spec.work(fake, ctx, faultedEntry)  how many times the faulted call did its paid work
 *   spec.checkHint(ctx, fake) regex for "what to check" in the error (message + description + context)
 *   spec.failed(result, …)    optional extra assertions on the failed run
 */
function paidPost(api, label, spec) {
	/** The faulted request and every request for the same call (same exact path). */
	const faultedCall = (fake, ctx) => {
		const posts = matching(fake, 'POST', spec.path(ctx));
		const faulted = posts.find((e) => e.fault !== undefined);
		expect(faulted).toBeDefined();
		return { faulted, sameCall: posts.filter((e) => e.path === faulted.path) };
	};

	cell(api, `429 Retry-After (seconds) on paid POST ${label}`, async () => {
		const fake = spec.fake();
		const ctx = (await spec.arrange?.(fake)) ?? {};
		const retryAfter = retryAfterSeconds();
		fake.addFault({ method: 'POST', path: spec.path(ctx), kind: '429', retryAfter: retryAfter.header, times: 1 });
		const result = await spec.act(fake, ctx, { fault: '429' });
		expect(errorText(result.error)).toBe('');
		await spec.ok(result, fake, ctx);
		const { faulted, sameCall } = faultedCall(fake, ctx);
		expect(sameCall.map((e) => e.fault ?? e.status)).toEqual(['429', spec.createdStatus ?? expect.any(Number)]);
		expect(await spec.work(fake, ctx, faulted)).toBe(1);
		assertQuietDuringWait(fake, retryAfter);
		return 're-sent once after the wait; the work happened once';
	});

	for (const fault of POST_FAULTS) {
		cell(api, `${fault.name} on paid POST ${label}`, async () => {
			const fake = spec.fake();
			const ctx = (await spec.arrange?.(fake)) ?? {};
			fake.addFault({ method: 'POST', path: spec.path(ctx), kind: fault.kind, afterHandler: fault.afterHandler, times: 1 });
			const result = await spec.act(fake, ctx, { fault: fault.kind });
			const { faulted, sameCall } = faultedCall(fake, ctx);
			expect(sameCall).toHaveLength(1);
			expect(result.status).toBe('error');
			const text = errorText(result.error);
			expect(text).toMatch(spec.checkHint(ctx, fake, result));
			if (fault.kind === 'malformed') expect(text).toMatch(/not valid JSON/);
			expect(await spec.work(fake, ctx, faulted)).toBe(fault.afterHandler ? 1 : 0);
			await spec.failed?.(result, fake, ctx, fault);
			return 'sent once; the error says what to check';
		});
	}
}

/**
 * FLORA's POST carries an idempotency key, so after a 5xx, a dropped connection or a malformed
 * answer it is re-sent with the same key and FLORA answers with the same run: one run in the end.
 */
function idempotentPost(api, label, spec) {
	cell(api, `429 Retry-After (seconds) on paid POST ${label}`, async () => {
		const fake = spec.fake();
		const ctx = (await spec.arrange?.(fake)) ?? {};
		const retryAfter = retryAfterSeconds();
		fake.addFault({ method: 'POST', path: spec.path(ctx), kind: '429', retryAfter: retryAfter.header, times: 1 });
		const result = await spec.act(fake, ctx);
		expect(errorText(result.error)).toBe('');
		await spec.ok(result, fake, ctx);
		const posts = matching(fake, 'POST', spec.path(ctx));
		expect(posts.map((e) => e.fault ?? e.status)).toEqual(['429', 201]);
		expect(new Set(posts.map((e) => e.body.idempotency_key)).size).toBe(1);
		expect(await spec.work(fake, ctx)).toBe(1);
		assertQuietDuringWait(fake, retryAfter);
		return 're-sent once after the wait, same key; one run';
	});

	for (const fault of POST_FAULTS) {
		cell(api, `${fault.name} on paid POST ${label}`, async () => {
			const fake = spec.fake();
			const ctx = (await spec.arrange?.(fake)) ?? {};
			fake.addFault({ method: 'POST', path: spec.path(ctx), kind: fault.kind, afterHandler: fault.afterHandler, times: 1 });
			const result = await spec.act(fake, ctx);
			expect(errorText(result.error)).toBe('');
			await spec.ok(result, fake, ctx);
			const posts = matching(fake, 'POST', spec.path(ctx));
			expect(posts).toHaveLength(2);
			const keys = posts.map((e) => e.body.idempotency_key);
			expect(keys[0]).toEqual(expect.any(String));
			expect(keys[1]).toBe(keys[0]);
			expect(await spec.work(fake, ctx)).toBe(1);
			return fault.afterHandler ? 're-sent with the same key; FLORA replayed the run: one run' : 're-sent with the same key; one run';
		});
	}
}

/**
 * Max Wait 1 s while the first status read gets no answer at all (the fake holds it): the node
 * gives up at the deadline without that answer, because the poller hands its deadline to the
 * status request (timeout and retries are capped by it).
 *   spec.act(fake, ctx) runs with Max Wait 1 s on a job/run/project that does not finish
 */
function slowPollPastDeadline(api, label, spec) {
	cell(api, `deadline passing while ${label} is not answered (Max Wait 1 s, the answer held back)`, async () => {
		const fake = spec.fake();
		const ctx = (await spec.arrange?.(fake)) ?? {};
		const unanswered = fake.hold({ method: 'GET', path: spec.path(ctx), times: 1 });
		const result = await spec.act(fake, ctx);
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/maximum wait/);
		expect(errorText(result.error)).toMatch(/Next step: /);
		expect(unanswered.held).toHaveLength(1);
		return `gave up after ${result.elapsedMs} ms, the status read still unanswered`;
	});
}

/**
 * The leak row, last in an API's block: every run of that node above was already searched for the
 * secrets (a find fails that run's cell); this checks the search itself and that it ran.
 */
function leakCheck(api, NodeClass, secret) {
	cell(api, 'secrets (API key, webhook secret) never in output items, errors (message, description, context) or log lines', async () => {
		const planted = [
			{ items: [{ json: { echoed: secret } }] },
			{ error: Object.assign(new Error('failed'), { description: `sent with ${secret}` }) },
			{ error: Object.assign(new Error('failed'), { context: { request: { headers: { authorization: `Bearer ${secret}` } } } }) },
			{ error: new Error('failed', { cause: { config: { headers: { 'x-api-key': secret } } } }) },
			{ logs: [{ level: 'debug', message: 'retrying', meta: { options: { headers: { Authorization: secret } } } }] },
			{ logs: [{ level: 'warn', message: `key ${secret.slice(0, 20)}…` }] },
		];
		for (const result of planted) expect(leaksIn(result)).toBeDefined();
		const tally = checked.byNode[NodeClass.name];
		expect(tally?.runs).toBeGreaterThan(0);
		return `${tally.runs} runs searched, ${tally.errors} of them failures, ${tally.logLines} log lines`;
	});
}

module.exports = { retryAfterOnGet, burstOnGet, malformedOnGet, paidPost, idempotentPost, slowPollPastDeadline, leakCheck, POST_FAULTS, GET_BURST };
