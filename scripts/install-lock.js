'use strict';
// A lock folder around an install into the cache, so two processes (a test run and `npm run dev`,
// two test files) never install the same thing at once; a dead holder's lock is taken over.
//   withInstallLockSync(lockDir, { waitMs, onWait }, () => install());        (scripts/ensure-n8n.js)
//   await withInstallLock(lockDir, { waitMs }, async () => install());         (the local registry)
const fs = require('node:fs');
const path = require('node:path');

const RETRY_MS = 1000;

function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function holderOf(lockDir) {
	try {
		return Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
	} catch {
		return 0; // being written
	}
}

/** Takes the lock when it can: null then, else the pid that holds it (0 while it is written). */
function tryTake(lockDir) {
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			return null;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const holder = holderOf(lockDir);
			if (!holder || processAlive(holder)) return holder;
			fs.rmSync(lockDir, { recursive: true, force: true });
		}
	}
}

/** Waits between tries until the lock is taken; onWait(holder) once, when it first has to wait. */
function* attempts(lockDir, { waitMs, onWait }) {
	const deadline = Date.now() + waitMs;
	let waited = false;
	for (;;) {
		const holder = tryTake(lockDir);
		if (holder === null) return;
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${lockDir} (held by pid ${holder})`);
		if (!waited) onWait?.(holder);
		waited = true;
		yield RETRY_MS;
	}
}

function release(lockDir) {
	fs.rmSync(lockDir, { recursive: true, force: true });
}

function withInstallLockSync(lockDir, options, work) {
	for (const ms of attempts(lockDir, options))
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
	try {
		return work();
	} finally {
		release(lockDir);
	}
}

async function withInstallLock(lockDir, options, work) {
	for (const ms of attempts(lockDir, options))
		await new Promise((resolve) => setTimeout(resolve, ms));
	try {
		return await work();
	} finally {
		release(lockDir);
	}
}

module.exports = { withInstallLock, withInstallLockSync };
