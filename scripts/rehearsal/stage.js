'use strict';
// The rehearsal's little world on 127.0.0.1: a throw-away npm registry, the proxy that stands in
// for registry.npmjs.org, and n8n instances (any runtime of the cache) whose npm reaches that
// registry through it. Everything lives in one temp folder and ends with stop().
//   const stage = await startStage({ dir, runtime });          // runtime: { nodeBin, n8nBin, n8nDir }
//   await stage.publish(packageDir);                            // under the dist-tag its version gets
//   const { n8n, api } = await stage.startN8n('first');         // fresh user folder, owner set up
//   await stage.stop();
const fs = require('node:fs');
const path = require('node:path');
const { startLocalRegistry } = require('./local-registry');
const { createThrowawayCa, startRegistryProxy } = require('./registry-proxy');
const { startN8nInstance } = require('./n8n-instance');
const { n8nApi } = require('./n8n-api');

/**
 * @param {object} options
 * @param {string} options.dir  an empty temp folder
 * @param {{nodeBin, n8nBin, n8nDir}} options.runtime  the n8n to start (its Node also runs verdaccio,
 *   which needs Node >= 22: pass registryNodeBin for an older runtime)
 * @param {string} [options.registryNodeBin]
 * @param {string|false} [options.uplink]  see startLocalRegistry (npm test never sets one)
 * @param {object} [options.env]  added to the environment of every process the stage starts
 *   (verdaccio, npm publish, n8n and its npm, commands run as an instance's user), e.g. a
 *   connection probe's (connection-probe.js)
 */
async function startStage({
	dir,
	runtime,
	registryNodeBin = runtime.nodeBin,
	uplink = false,
	env = {},
}) {
	const sub = (name) => {
		const folder = path.join(dir, name);
		fs.mkdirSync(folder, { recursive: true });
		return folder;
	};
	const registry = await startLocalRegistry({
		dir: sub('registry'),
		nodeBin: registryNodeBin,
		uplink,
		env,
	});
	const instances = new Set();
	let proxy;
	try {
		const ca = createThrowawayCa(sub('ca'));
		proxy = await startRegistryProxy({ registryUrl: registry.url, ca });
		/** What n8n and any npm started for the instance need to reach the registry. */
		const registryEnv = { ...env, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.caCertPath };

		return {
			runtime,
			registry,
			proxy,
			ca,
			registryEnv,
			/** A user folder in the stage (kept across n8n restarts). */
			userFolder: (name) => sub(`user-${name}`),
			/**
			 * `n8n start` on the user folder `name`; sets the owner up on a fresh database, signs in
			 * on an existing one. Resolves { n8n, api }.
			 */
			async startN8n(name, { env: instanceEnv = {} } = {}) {
				const userFolder = sub(`user-${name}`);
				const fresh = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
				const n8n = await startN8nInstance({
					runtime,
					userFolder,
					env: { ...registryEnv, ...instanceEnv },
				});
				instances.add(n8n);
				const stop = n8n.stop;
				n8n.stop = async () => {
					instances.delete(n8n);
					await stop();
				};
				try {
					const api = n8nApi({ url: n8n.url, n8nDir: runtime.n8nDir });
					if (fresh) await api.setupOwner();
					else await api.signIn();
					return { n8n, api };
				} catch (error) {
					error.message += `\n--- n8n output ---\n${n8n.output().slice(-4000)}`;
					await n8n.stop();
					throw error;
				}
			},
			async stop() {
				await Promise.all([...instances].map((instance) => instance.stop()));
				await proxy.close();
				await registry.stop();
			},
		};
	} catch (error) {
		await proxy?.close();
		await registry.stop();
		throw error;
	}
}

module.exports = { startStage };
