'use strict';
// Turns the harness's n8n-core 2.41 / n8n-workflow 2.41 into an older n8n in the one respect a test
// names, by removing or replacing n8n's own code (never ours). Each switch returns a function that
// undoes it; call it in afterEach/afterAll. n8n-core is required only when a switch is used, so
// sleepBefore234 can go into a jest.mock('n8n-workflow') factory.
const core = () => require('n8n-core');

/** n8n-workflow's sleep before 2.34, verbatim: it has no signal parameter, so a stop does not end it. */
async function sleepBefore234(ms) {
	return await new Promise((resolve) => {
		setTimeout(resolve, ms);
	});
}

/** The prototype in `start`'s chain that defines `key` itself. */
function ownerOf(start, key) {
	for (let proto = start; proto; proto = Object.getPrototypeOf(proto)) {
		if (Object.prototype.hasOwnProperty.call(proto, key)) return proto;
	}
	throw new Error(`harness: no prototype of ${start.constructor.name} defines ${key}`);
}

/** Replaces `key` on the prototype that owns it (undefined: removes it); returns the undo. */
function patch(start, key, descriptor) {
	const owner = ownerOf(start, key);
	const original = Object.getOwnPropertyDescriptor(owner, key);
	if (descriptor) Object.defineProperty(owner, key, { ...descriptor, configurable: true });
	else delete owner[key];
	return () => Object.defineProperty(owner, key, original);
}

/**
 * Node contexts without `customData`, as n8n-core before 2.16 (n8n 1.x and 2.0–2.15) builds them:
 * the execution's custom data is then only `$execution.customData` in expressions and in
 * getWorkflowDataProxy(), which n8n-core 2.41 keeps as those versions had it.
 */
function contextsWithoutCustomData() {
	return patch(core().ExecuteContext.prototype, 'customData');
}

/**
 * Expressions as n8n 1.123's default "vm" expression engine (isolated-vm) evaluates them: objects
 * cross into the isolate without their functions, so `$execution.customData.get` is undefined
 * there (measured on 1.123.81; n8n-core 2.41 evaluates expressions in-process).
 */
function vmExpressionsWithoutCustomDataMethods() {
	const proto = ownerOf(core().WebhookContext.prototype, 'evaluateExpression');
	const evaluateExpression = proto.evaluateExpression;
	return patch(proto, 'evaluateExpression', {
		value(expression, ...rest) {
			return /\$execution\.customData\./.test(expression) ? undefined : evaluateExpression.call(this, expression, ...rest);
		},
		writable: true,
	});
}

/**
 * An n8n that gives nodes no execution custom data at all (no such version loads our nodes, but a
 * future one might): contexts without `customData`, and a workflow data proxy whose `$execution`
 * has none.
 */
function noExecutionCustomData() {
	const undoContexts = contextsWithoutCustomData();
	const proto = ownerOf(core().ExecuteContext.prototype, 'getWorkflowDataProxy');
	const getWorkflowDataProxy = proto.getWorkflowDataProxy;
	const undoProxy = patch(proto, 'getWorkflowDataProxy', {
		value(itemIndex) {
			const proxy = getWorkflowDataProxy.call(this, itemIndex);
			return new Proxy(proxy, {
				get: (target, key) =>
					key === '$execution' ? { ...target.$execution, customData: undefined } : Reflect.get(target, key),
			});
		},
		writable: true,
	});
	return () => {
		undoProxy();
		undoContexts();
	};
}

module.exports = { sleepBefore234, contextsWithoutCustomData, vmExpressionsWithoutCustomDataMethods, noExecutionCustomData };
