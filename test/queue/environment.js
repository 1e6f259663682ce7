'use strict';
// Everything the queue-mode tests and the queue benchmark run against: the fake APIs, the
// queue-mode cluster of scripts/queue/cluster.js (https with a fresh self-signed certificate)
// with the packed package, the owner account and one credential per API pointing at the fakes.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime, repoPackageTarball } = require('../e2e/n8n-process');
const { startExampleFakes, exampleCredentials } = require('../e2e/examples-fakes');
const { startQueueCluster } = require('../../scripts/queue/cluster');
const { ensureSelfSignedCert } = require('../../scripts/self-signed-cert');
const { ownerClient } = require('./client');

/** Resolves { fakes, cluster, client, credentials: { flokan, flora, vidgen }, ca, stop() }. */
async function startQueueEnvironment({ workers = 2, webhooks = 1 } = {}) {
	ensureRuntime(); // first time on a machine: ~7 minutes
	const tarball = repoPackageTarball();
	const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-cert-'));
	let fakes;
	let cluster;
	const stop = async () => {
		await cluster?.stop();
		await fakes?.close();
		fs.rmSync(certDir, { recursive: true, force: true });
	};
	try {
		const cert = ensureSelfSignedCert(certDir);
		const ca = fs.readFileSync(cert.certPath);
		fakes = await startExampleFakes();
		cluster = await startQueueCluster({ tarball, https: cert, workers, webhooks });
		const client = await ownerClient(cluster.mainUrl, { ca });
		const credentials = {};
		for (const credential of exampleCredentials(fakes)) {
			credentials[credential.type.replace(/Api$/, '')] = await client.createCredential(credential);
		}
		return { fakes, cluster, client, credentials, ca, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueEnvironment };
