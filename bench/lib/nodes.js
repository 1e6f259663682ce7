'use strict';
// Loads a node (nodes/<Name>/<Name>.node.ts) and the credential types it needs, failing soft:
// every loader returns { ok: false, reason } instead of throwing, so a case can report
// "n/a (node missing)" while other helpers are still building that node.
const fs = require('node:fs');
const { install, repoPath } = require('./tsRequire');

function loadNode(name) {
	const file = repoPath('nodes', name, `${name}.node.ts`);
	if (!fs.existsSync(file)) return { ok: false, reason: 'node missing' };
	install();
	try {
		const exported = require(file);
		const NodeClass =
			exported[name] ?? Object.values(exported).find((value) => typeof value === 'function');
		if (!NodeClass) return { ok: false, reason: `node file exports no class ${name}` };
		const instance = new NodeClass();
		return {
			ok: true,
			NodeClass,
			instance,
			description:
				instance.description ?? instance.nodeVersions?.[instance.currentVersion]?.description,
		};
	} catch (error) {
		return { ok: false, reason: `node fails to load: ${firstLine(error.message)}` };
	}
}

/** Every credential class under credentials/ that loads, by its `name` (e.g. flokanApi). */
function loadCredentialTypes() {
	install();
	const dir = repoPath('credentials');
	const byName = {};
	for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (!file.endsWith('.credentials.ts')) continue;
		try {
			const exported = require(repoPath('credentials', file));
			for (const CredentialClass of Object.values(exported)) {
				if (typeof CredentialClass !== 'function') continue;
				const instance = new CredentialClass();
				if (instance.name) byName[instance.name] = CredentialClass;
			}
		} catch {
			// a credential whose node is missing (it imports the node's transport) just isn't available
		}
	}
	return byName;
}

/** The credential classes a node declares, or a reason why one is not available. */
function credentialTypesFor(node) {
	const all = loadCredentialTypes();
	const names = (node.description?.credentials ?? []).map((c) => c.name);
	const missing = names.filter((n) => !all[n]);
	if (missing.length)
		return { ok: false, reason: `credential type missing: ${missing.join(', ')}` };
	return { ok: true, names, classes: names.map((n) => all[n]) };
}

/** A node property by name (all variants when several share the name, e.g. per operation). */
function propertiesNamed(node, name) {
	return (node.description?.properties ?? []).filter((p) => p.name === name);
}

/** The option values of a node's options property (e.g. its resources or operations). */
function optionValues(node, name) {
	return propertiesNamed(node, name).flatMap((p) => (p.options ?? []).map((o) => o.value));
}

function firstLine(text) {
	return String(text).split('\n')[0].slice(0, 200);
}

module.exports = {
	loadNode,
	loadCredentialTypes,
	credentialTypesFor,
	propertiesNamed,
	optionValues,
	firstLine,
};
