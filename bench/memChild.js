'use strict';
// Child process for figure 3 (run with `node --expose-gc`): runs the Vidgen node once against a fake
// that lives in the parent, and measures this process's RSS during the node's execute() only.
// Baseline: RSS right before execute(), after two full GCs, with the input items already stored by
// the upstream node. Peak: the larger of RSS sampled every few ms and the kernel's high-water mark
// (VmHWM, reset at the baseline), which also catches peaks inside a synchronous copy.
// Prints one line: BENCH_RESULT {json}.
const fs = require('node:fs');
const { setTimeout: sleep } = require('node:timers/promises');
const { loadNode, credentialTypesFor } = require('./lib/nodes');
const { timedRun, runProblem } = require('./lib/harnessRun');
const vidgenParameters = require('./cases/vidgenParameters');

const config = JSON.parse(process.argv[2]);

function highWaterMarkBytes() {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

function resetHighWaterMark() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

function inputItems() {
	if (config.kind === 'upload') {
		// distinct non-zero bytes so every page is really resident
		const image = Buffer.alloc(config.fileBytes, 'PNGDATA-');
		const audio = Buffer.alloc(config.fileBytes, 'ID3AUDIO');
		return [
			{
				json: {},
				binary: {
					image: { data: image, mimeType: 'image/png', fileName: 'still.png' },
					audio: { data: audio, mimeType: 'audio/mpeg', fileName: 'voice.mp3' },
				},
			},
		];
	}
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64',
	);
	return [
		{
			json: {},
			binary: {
				image: { data: png, mimeType: 'image/png', fileName: 'still.png' },
				audio: {
					data: Buffer.from('ID3benchmark-audio'),
					mimeType: 'audio/mpeg',
					fileName: 'voice.mp3',
				},
			},
		},
	];
}

async function main() {
	const loaded = loadNode('Vidgen');
	if (!loaded.ok) return { na: loaded.reason };
	const credentials = credentialTypesFor(loaded);
	if (!credentials.ok) return { na: credentials.reason };

	const memory = { baseline: 0, peakSampled: 0, peakHwm: undefined, hwmReset: false, samples: 0 };
	let sampler;
	const sample = () => {
		memory.peakSampled = Math.max(memory.peakSampled, process.memoryUsage.rss());
		memory.samples += 1;
	};
	const hooks = {
		async beforeExecute() {
			for (let i = 0; i < 3; i++) {
				global.gc();
				await sleep(50);
			}
			memory.baseline = process.memoryUsage.rss();
			memory.hwmReset = resetHighWaterMark();
			memory.peakSampled = memory.baseline;
			sampler = setInterval(sample, config.sampleEveryMs);
		},
		async afterExecute() {
			clearInterval(sampler);
			sample();
			if (memory.hwmReset) memory.peakHwm = highWaterMarkBytes();
		},
	};
	const parameters =
		config.kind === 'upload'
			? vidgenParameters.create({ wait: false })
			: vidgenParameters.create({
					wait: true,
					intervalSeconds: 0.05,
					maxWaitSeconds: 60,
					download: true,
				});
	const { result, executeMs } = await timedRun(
		loaded.NodeClass,
		{
			credentials: { vidgenApi: { apiKey: config.apiKey, baseUrl: config.baseUrl } },
			credentialTypes: credentials.classes,
			parameters,
			items: inputItems(),
			binaryMode: config.binaryMode,
			executionTimeoutMs: 120000,
		},
		hooks,
	);
	const problem = runProblem(result);
	if (problem) return { na: problem };
	let outputBytes;
	if (config.kind === 'download') {
		const binary = result.items[0]?.binary?.data;
		if (!binary) return { na: 'the node output no binary "data" for the downloaded video' };
		if (binary.id) {
			const { Container, core } = require('../test/harness/engine');
			outputBytes = (await Container.get(core.BinaryDataService).getMetadata(binary.id)).fileSize;
		} else {
			outputBytes = Buffer.byteLength(binary.data, 'base64');
		}
	}
	const peak = Math.max(memory.peakSampled, memory.peakHwm ?? 0);
	return {
		executeMs,
		baseline: memory.baseline,
		peakSampled: memory.peakSampled,
		peakHwm: memory.peakHwm,
		peak,
		growth: peak - memory.baseline,
		samples: memory.samples,
		outputBytes,
		binaryId: result.items[0]?.binary?.data?.id,
	};
}

main().then(
	(outcome) => {
		process.stdout.write(`BENCH_RESULT ${JSON.stringify(outcome)}\n`);
		process.exit(0);
	},
	(error) => {
		process.stdout.write(
			`BENCH_RESULT ${JSON.stringify({ na: `bench error: ${error.message}` })}\n`,
		);
		process.exit(0);
	},
);
