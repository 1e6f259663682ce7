'use strict';
// Boots the pieces of n8n-core that a workflow execution pulls from the DI container:
// InstanceSettings, the Logger behind `this.logger`, and BinaryDataService.
//
// n8n-core ships its own nested copies of @n8n/di and @n8n/backend-common (different
// versions from the top-level ones), so they must be resolved from n8n-core's folder or
// we would register services in a container n8n-core never reads.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LoggerProxy, setSafeRegexEngine } = require('n8n-workflow');
const core = require('n8n-core');
const { createRegexEngine } = require('./regex-engine');

// n8n's regex watchdog, made patient enough for a busy machine (see regex-engine.js).
setSafeRegexEngine(createRegexEngine());

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const fromCore = (id) => require(require.resolve(id, { paths: [coreDir] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

let tempRoot;
/** One temp folder per test file: n8n user folder + filesystem binary storage. */
function tempDir() {
	if (!tempRoot) tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	return tempRoot;
}
function removeTempDir() {
	if (tempRoot) fs.rmSync(tempRoot, { recursive: true, force: true });
	tempRoot = undefined;
}
if (typeof afterAll === 'function') {
	try {
		afterAll(removeTempDir);
	} catch {
		// required from inside a test: the folder is then left to the OS temp cleaner
	}
}

/** Receives everything logged through `this.logger` (node) and LoggerProxy (engine). */
const logSink = { entries: [] };
function createCapturingLogger() {
	const logger = {
		scoped: () => logger,
		getInternalLogger: () => undefined,
	};
	for (const level of ['error', 'warn', 'info', 'debug']) {
		logger[level] = (message, meta) => logSink.entries.push({ level, message, meta });
	}
	return logger;
}

let booted = false;
function boot() {
	if (booted) return;
	const logger = createCapturingLogger();
	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	const dir = tempDir();
	const instanceSettings = new core.InstanceSettings(
		{ n8nFolder: dir, userHome: dir, encryptionKey: 'harness-encryption-key', enforceSettingsFilePermissions: false },
		logger,
	);
	Container.set(core.InstanceSettings, instanceSettings);
	booted = true;
}

/**
 * (Re)initialises n8n-core's real BinaryDataService for a run.
 * 'default' keeps binaries base64 in the items, 'filesystem' stores them on disk (ids like
 * "filesystem-v2:workflows/…/executions/…/binary_data/…").
 */
async function useBinaryMode(mode) {
	if (mode !== 'default' && mode !== 'filesystem') {
		throw new Error(`harness: binaryMode must be 'default' or 'filesystem', got '${mode}'`);
	}
	boot();
	const config = Container.get(core.BinaryDataConfig);
	config.mode = mode;
	config.localStoragePath = path.join(tempDir(), 'storage');
	await Container.get(core.BinaryDataService).init();
}

/** Starts a fresh log capture and returns the array it fills. Runs must not overlap. */
function captureLogs() {
	logSink.entries = [];
	return logSink.entries;
}

module.exports = { core, Container, boot, useBinaryMode, captureLogs };
