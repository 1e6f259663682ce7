'use strict';
/** Bad input is refused with a NodeOperationError naming the field, before any request is sent. */
const { NodeOperationError } = require('n8n-workflow');
const { startFake, run, create, jobRef, mediaItem } = require('./helpers');

let fake;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => fake.clearLog());

const getMany = (extra) => ({ resource: 'job', operation: 'getMany', ...extra });
const BIG = Buffer.alloc(50 * 1024 * 1024 + 1, 1);

const cases = [
	['GIF image', create(), /"Image Input Field": "a.gif" in "image" is image\/gif/, /image\/jpeg, image\/png, image\/webp/, [mediaItem({ image: { mimeType: 'image/gif', fileName: 'a.gif' } })]],
	['FLAC audio', create(), /"Audio Input Field": "a.flac" in "audio" is audio\/flac/, /audio\/mpeg, audio\/wav, audio\/x-wav, audio\/mp4, audio\/x-m4a, audio\/ogg/, [mediaItem({ audio: { mimeType: 'audio/flac', fileName: 'a.flac' } })]],
	['generic type with an unknown extension', create(), /"Audio Input Field".*application\/octet-stream/, undefined, [mediaItem({ audio: { mimeType: 'application/octet-stream', fileName: 'take.bin' } })]],
	['image over 50 MB', create(), /"Image Input Field": "portrait.png" in "image" is 50\.0 MB/, /at most 50 MB/, [mediaItem({ image: { data: BIG } })], 'filesystem'],
	['audio over 50 MB (in memory)', create(), /"Audio Input Field".*50\.0 MB/, undefined, [mediaItem({ audio: { data: BIG } })]],
	['missing image property', create({ imageBinaryPropertyName: 'photo' }), /photo/, undefined],
	['empty audio field name', create({ audioBinaryPropertyName: '={{ "" }}' }), /"Audio Input Field": 0 characters/],
	['http Webhook URL', create({ options: { webhookUrl: 'http://hooks.example.test/x' } }), /"Webhook URL": "http:" URLs are not accepted/, /https:\/\//],
	['Webhook URL that is not a URL', create({ options: { webhookUrl: 'hooks.example.test' } }), /"Webhook URL".*is not a URL/],
	['unknown On Active Job', create({ onActiveJob: '={{ "queue" }}' }), /"On Active Job": "queue" is not supported/, /fail, wait/],
	['unknown Wait Mode', create({ waitMode: '={{ "sse" }}' }), /"Wait Mode": "sse" is not supported/, /poll, webhook/],
	['zero Poll Interval', create({ pollIntervalSeconds: 0 }), /"Poll Interval \(Seconds\)"/],
	['negative Max Wait', create({ maxWaitSeconds: -5 }), /"Max Wait \(Seconds\)"/],
	['empty output field with Download Video', create({ downloadVideo: true, binaryPropertyName: '={{ "" }}' }), /"Put Output File in Field"/],
	['unknown status filter', getMany({ status: '={{ "DONE" }}' }), /"Status": "DONE" is not supported/, /PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED/],
	['zero Limit', getMany({ returnAll: false, limit: 0 }), /"Limit"/],
	['empty job ID', { resource: 'job', operation: 'getStatus', jobId: jobRef('={{ "" }}') }, /"Job"/],
	['job ID with a slash', { resource: 'job', operation: 'cancel', jobId: jobRef('={{ "../jobs" }}') }, /"Job": "..\/jobs" is not a job ID/],
];

const rows = cases.map(([name, parameters, message, description, items, binaryMode]) => ({ name, parameters, message, description, items, binaryMode }));

test.each(rows)('$name → refused before any request', async ({ parameters, message, description, items, binaryMode }) => {
	const result = await run(fake, parameters, { ...(items ? { items } : {}), ...(binaryMode ? { binaryMode } : {}) });
	expect(result.status).toBe('error');
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.message).toMatch(message);
	if (description) expect(result.error.description).toMatch(description);
	expect(result.error.context.itemIndex).toBe(0);
	expect(fake.log).toHaveLength(0);
});

test('with several items, the bad one is named by its index and no job is submitted for any item', async () => {
	const result = await run(fake, create({ waitUntilDone: false }), {
		items: [mediaItem(), mediaItem({ image: { mimeType: 'image/tiff', fileName: 'b.tiff' } })],
	});
	expect(result.error.context.itemIndex).toBe(1);
	expect(fake.log).toHaveLength(0);
});
