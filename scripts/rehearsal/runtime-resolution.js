'use strict';
// Does the community package run against n8n's own n8n-workflow? Two views of one instance:
//   - inside the process (resolution-probe.js): every `require('n8n-workflow')` made by a file of
//     the package resolved to a file that n8n's own code resolves too;
//   - on disk: no n8n-workflow folder anywhere under the community package folder (n8n's
//     installer drops peer dependencies; a plain `npm install` of the package brings one).
// A second copy means the package's NodeOperationError and NodeApiError are not the classes n8n
// checks with instanceof, and its LoggerProxy is not n8n's logger.
const fs = require('node:fs');
const path = require('node:path');

/** Every folder named n8n-workflow below dir (node_modules trees only), at most `depth` levels down. */
function copiesOnDisk(dir, depth = 8) {
	const found = [];
	const walk = (current, level) => {
		if (level > depth) return;
		let entries;
		try {
			entries = fs.readdirSync(current, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			if (!entry.isDirectory()) continue;
			const full = path.join(current, entry.name);
			if (entry.name === 'n8n-workflow' && path.basename(current) === 'node_modules')
				found.push(full);
			else walk(full, level + 1);
		}
	};
	walk(dir, 0);
	return found;
}

/**
 * @param {object} options
 * @param {Array} options.probeEntries  n8n.probeEntries() of the instance, after the package's
 *   nodes were loaded (an install, a restart or a workflow run)
 * @param {string} options.nodesDir     the instance's community package folder (~/.n8n/nodes)
 * @param {string} options.packageName
 * @param {string} [options.version]    only the loads of this installed version count
 * @returns {{ ok, problems: string[], loads: number, packageResolves: string[], n8nResolves: string[], copies: string[] }}
 */
function checkRuntimeResolution({ probeEntries, nodesDir, packageName, version }) {
	const n8nResolves = [
		...new Set(probeEntries.filter((e) => e.who === 'n8n').map((e) => e.resolved)),
	];
	const loads = probeEntries.filter(
		(e) => e.who === 'package' && e.package === packageName && (!version || e.version === version),
	);
	const packageResolves = [...new Set(loads.map((e) => e.resolved))];
	const copies = copiesOnDisk(nodesDir);
	const problems = [];
	if (!n8nResolves.length)
		problems.push('the probe saw no require of n8n-workflow by n8n itself (was it preloaded?)');
	if (!loads.length)
		problems.push(
			`no file of ${packageName}${version ? `@${version}` : ''} required n8n-workflow in this n8n process`,
		);
	for (const resolved of packageResolves) {
		if (!n8nResolves.includes(resolved)) {
			const from = loads.find((e) => e.resolved === resolved).from;
			problems.push(
				`${packageName} resolves n8n-workflow to ${resolved} (e.g. from ${from}), n8n itself to ${n8nResolves.join(', ')}`,
			);
		}
	}
	for (const copy of copies) problems.push(`a second n8n-workflow is installed at ${copy}`);
	return {
		ok: problems.length === 0,
		problems,
		loads: loads.length,
		packageResolves,
		n8nResolves,
		copies,
	};
}

module.exports = { checkRuntimeResolution, copiesOnDisk };
