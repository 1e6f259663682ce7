'use strict';
/**
 * The leak check: every run of the matrix uses recognisable secrets, and everything a user or an
 * operator could see afterwards (output items, the error with its description and context, every
 * captured log line, webhook answers) is searched for them.
 */
const FLOKAN_KEY = 'flk_LEAKCHECK_faults_0123456789abcdefghijklmnopqrstuvwxyz';
const FLORA_KEY = 'sk_live_LEAKCHECK_faults_0123456789abcdefXYZ';
const VIDGEN_KEY = 'vg_LEAKCHECK_faults_0123456789abcdefZYXW';
const VIDGEN_WEBHOOK_SECRET = 'whsec_LEAKCHECK_faults_webhook_secret_42';

const { visibleText } = require('../../harness/visible');

const SECRETS = [FLOKAN_KEY, FLORA_KEY, VIDGEN_KEY, VIDGEN_WEBHOOK_SECRET];
/** Also caught when a secret is cut, re-encoded or partly masked. */
const MARKER = 'LEAKCHECK';

const checked = { runs: 0, logLines: 0, errors: 0, leaks: [], byNode: {} };

function count(tally, result) {
	tally.runs += 1;
	tally.logLines += (result.logs ?? []).length;
	if (result.error || result.webhookError || (result.response?.statusCode ?? 200) >= 400) tally.errors += 1;
}

/** The secrets (or the bare marker) found in what a run shows, with an excerpt around the first. */
function leaksIn(result) {
	const text = visibleText(result);
	const found = SECRETS.filter((secret) => text.includes(secret));
	if (text.includes(MARKER) && found.length === 0) found.push(MARKER);
	if (found.length === 0) return undefined;
	const at = text.indexOf(found[0]);
	return { found, excerpt: text.slice(Math.max(0, at - 200), at + 80) };
}

/** Fails the calling test when any secret (or the marker) shows up; returns the result. */
function assertNoLeak(result, label = '', node = 'other') {
	count(checked, result);
	checked.byNode[node] ??= { runs: 0, logLines: 0, errors: 0 };
	count(checked.byNode[node], result);
	const leak = leaksIn(result);
	if (leak) {
		checked.leaks.push({ label, ...leak });
		throw new Error(`secret leaked (${leak.found.join(', ')}) in ${label || 'a run'}: …${leak.excerpt}…`);
	}
	return result;
}

module.exports = { FLOKAN_KEY, FLORA_KEY, VIDGEN_KEY, VIDGEN_WEBHOOK_SECRET, SECRETS, assertNoLeak, leaksIn, visibleText, checked };
