'use strict';
// Figure 3: memory. Each measurement runs the Vidgen node in a fresh child process
// (bench/memChild.js, node --expose-gc) so its RSS holds nothing but the engine, the node and the
// input items; the fake Vidgen server runs here in the parent.
//   upload:   Job → Create with a 25 MB image + 25 MB audio; peak RSS growth ÷ 50 MB, goal ≤ 2.0
//             (measured with n8n's default and filesystem binary modes)
//   download: Job → Create, wait, Download Video of a 200 MB video, filesystem binary mode;
//             peak RSS growth ÷ 200 MB, goal ≤ 0.25 ("far below the file size")
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { repoPath } = require('../lib/tsRequire');
const { row, naRow } = require('../lib/rows');

const MB = 1024 * 1024;
const UPLOAD_FILE_BYTES = 25 * MB;
const VIDEO_BYTES = 200 * MB;
const SAMPLE_EVERY_MS = 2;

const ROWS = {
	uploadDefault: {
		id: 'memory.upload.default',
		figure: 'Vidgen Create 2 × 25 MB, default binary mode: RSS growth ÷ payload',
		goal: 2,
		goalText: '≤ 2.0',
	},
	uploadFilesystem: {
		id: 'memory.upload.filesystem',
		figure: 'Vidgen Create 2 × 25 MB, filesystem mode: RSS growth ÷ payload',
		goal: 2,
		goalText: '≤ 2.0',
	},
	download: {
		id: 'memory.download.filesystem',
		figure: 'Vidgen Download Video 200 MB, filesystem mode: RSS growth ÷ size',
		goal: 0.25,
		goalText: '≤ 0.25',
	},
};

function runChild(config) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mem-'));
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			['--expose-gc', path.join(__dirname, '..', 'memChild.js'), JSON.stringify(config)],
			{
				cwd: repoPath(),
				env: { ...process.env, TMPDIR: tmp },
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 90000);
		child.on('close', (code) => {
			clearTimeout(timer);
			fs.rmSync(tmp, { recursive: true, force: true });
			const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
			if (line) return resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
			resolve({
				na: `child exited ${code}: ${(stderr || stdout).trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`,
			});
		});
	});
}

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

function memoryRow(spec, outcome, payloadBytes, extra = '') {
	if (outcome.na) return naRow(spec, outcome.na);
	const ratio = outcome.growth / payloadBytes;
	const where =
		outcome.peakHwm !== undefined && outcome.peakHwm > outcome.peakSampled
			? 'kernel high-water mark'
			: 'sampled';
	return row({
		...spec,
		value: ratio,
		pass: ratio <= spec.goal,
		detail: `RSS ${mb(outcome.baseline)} → peak ${mb(outcome.peak)} (${where}; ${outcome.samples} samples) = +${mb(outcome.growth)} for ${mb(payloadBytes)}; execute ${Math.round(outcome.executeMs)} ms${extra}`,
		raw: outcome,
	});
}

async function memoryCase() {
	const vidgenFake = repoPath('test', 'fakes', 'vidgen.js');
	if (!fs.existsSync(repoPath('nodes', 'Vidgen', 'Vidgen.node.ts'))) {
		return Object.values(ROWS).map((spec) => naRow(spec, 'node missing'));
	}
	const { startVidgenFake } = require(vidgenFake);
	const rows = [];

	// Uploads: the job is only submitted (no wait), so a fresh fake per run keeps the one-active-job rule out of the way.
	for (const [key, binaryMode] of [
		['uploadDefault', 'default'],
		['uploadFilesystem', 'filesystem'],
	]) {
		const server = await startVidgenFake({ pendingMs: 0, processingMs: 0 });
		try {
			const outcome = await runChild({
				kind: 'upload',
				baseUrl: server.url,
				apiKey: server.apiKey,
				binaryMode,
				fileBytes: UPLOAD_FILE_BYTES,
				sampleEveryMs: SAMPLE_EVERY_MS,
			});
			const received = server.state.jobs[0]?.files;
			const check = received
				? `; fake received ${mb(received.image.data.length)} + ${mb(received.audio.data.length)}`
				: '';
			rows.push(memoryRow(ROWS[key], outcome, 2 * UPLOAD_FILE_BYTES, check));
		} finally {
			await server.close();
		}
	}

	// Download: the fake serves one 200 MB video (allocated here, in the parent).
	const server = await startVidgenFake({ pendingMs: 0, processingMs: 50 });
	let video = Buffer.alloc(VIDEO_BYTES, 'MP4VIDEO');
	server.videoBytes = () => video;
	try {
		const outcome = await runChild({
			kind: 'download',
			baseUrl: server.url,
			apiKey: server.apiKey,
			binaryMode: 'filesystem',
			sampleEveryMs: SAMPLE_EVERY_MS,
		});
		if (!outcome.na && outcome.outputBytes !== VIDEO_BYTES) {
			rows.push(
				naRow(
					ROWS.download,
					`the stored video has ${outcome.outputBytes} bytes, expected ${VIDEO_BYTES}`,
				),
			);
		} else {
			rows.push(
				memoryRow(
					ROWS.download,
					outcome,
					VIDEO_BYTES,
					outcome.na
						? ''
						: `; stored ${mb(outcome.outputBytes)} as ${String(outcome.binaryId).split(':')[0]}`,
				),
			);
		}
	} finally {
		video = undefined;
		await server.close();
	}
	return rows;
}

module.exports = { memoryCase };
