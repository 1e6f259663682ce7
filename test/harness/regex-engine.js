'use strict';
/**
 * n8n-workflow 2.41 runs parameter and expression regexes in a vm context with a 250 ms
 * wall-clock watchdog (safe-regex.js). On a machine whose cores are all busy, even a trivial
 * regex can miss that while its thread waits for a core, and the run fails with "Regular
 * expression execution timed out". The harness keeps n8n's sandboxed engine, with the watchdog
 * at 10 s: a runaway pattern is still stopped, a busy machine no longer is.
 */
const vm = require('node:vm');

const TIMEOUT_MS = 10_000;
const SCRIPTS = {
	exec: 'result = new RegExp(pattern, flags).exec(input)',
	test: 'result = new RegExp(pattern, flags).test(input)',
	replace: 'result = input.replace(new RegExp(pattern, flags), replacement)',
	matchAll: 'result = Array.from(input.matchAll(new RegExp(pattern, flags)))',
	split: 'result = input.split(new RegExp(pattern, flags))',
};

function createRegexEngine() {
	const context = vm.createContext({ flags: '', input: '', pattern: '', replacement: '', result: undefined });
	const run = (name, pattern, input, flags = '', replacement = '') => {
		Object.assign(context, { pattern, input, flags, replacement, result: undefined });
		try {
			scripts[name].runInContext(context, { timeout: TIMEOUT_MS });
		} catch (error) {
			if (error?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Error('Regular expression execution timed out');
			throw error;
		}
		return context.result;
	};
	const scripts = Object.fromEntries(Object.entries(SCRIPTS).map(([name, source]) => [name, new vm.Script(source)]));
	const globalFlags = (flags = '') => (flags.includes('g') ? flags : `${flags}g`);
	return {
		exec: (pattern, input, flags) => run('exec', pattern, input, flags),
		test: (pattern, input, flags) => run('test', pattern, input, flags),
		replace: (pattern, input, flags, replacement) => run('replace', pattern, input, flags, replacement),
		matchAll: (pattern, input, flags) => run('matchAll', pattern, input, globalFlags(flags)),
		split: (pattern, input, flags) => run('split', pattern, input, flags),
	};
}

module.exports = { createRegexEngine, TIMEOUT_MS };
