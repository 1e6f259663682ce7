'use strict';
/**
 * Bad input fails as a NodeOperationError naming the field, before FLORA is asked to start a run:
 * with no request at all when the node can tell on its own, and with only the free GET of the
 * technique when the technique's own input list is needed to tell.
 */
const { NodeOperationError } = require('n8n-workflow');
const { IMAGE, startFake, run, createRun, creates } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const json = (inputs, extra = {}) => createRun({ inputMode: 'json', inputsJson: typeof inputs === 'string' ? inputs : JSON.stringify(inputs), ...extra });
const image = (value) => [{ id: 'product_image', type: 'imageUrl', value }];
const HOSTS_LISTED = /FLORA accepts media only over HTTPS from: https:\/\/media\.flora\.ai\/….*ik\.imagekit\.io/;

describe('no request at all', () => {
	test.each([
		['an http:// image URL', json(image('http://media.flora.ai/a.png')), /^Invalid "Inputs \(JSON\) \[0\]": "http:\/\/media\.flora\.ai\/a\.png" does not use https:\/\//],
		['an image on a host FLORA does not accept', json(image('https://example.com/a.png')), /the host "example\.com" is not one FLORA accepts media from/],
		['a look-alike host', json(image('https://media.flora.ai.evil.com/a.png')), /the host "media\.flora\.ai\.evil\.com"/],
		['a video URL that is not a URL', json([{ id: 'motion_reference', type: 'videoUrl', value: 'move.mp4' }]), /"move\.mp4" is not a URL/],
	])('%s (JSON with a type)', async (_name, parameters, message) => {
		fake = await startFake();
		const result = await run(fake, parameters);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(message);
		expect(result.error.message).toMatch(HOSTS_LISTED);
		expect(fake.log).toHaveLength(0);
	});

	test.each([
		['JSON that does not parse', json('[{"id": "product_image",'), /^Invalid "Inputs \(JSON\)": is not valid JSON/],
		['JSON that is neither array nor object', json('42'), /^Invalid "Inputs \(JSON\)": is neither an array nor an object/],
		['an entry that is not an object', json(['product_image']), /^Invalid "Inputs \(JSON\) \[0\]": is not an object/],
		['an entry without an id', json([{ type: 'imageUrl', value: IMAGE }]), /^Invalid "Inputs \(JSON\) \[0\]\.id": is missing/],
		['an unknown type', json([{ id: 'product_image', type: 'image_url', value: IMAGE }]), /^Invalid "Inputs \(JSON\) \[0\]\.type": "image_url" is not supported/],
		['an empty value', json([{ id: 'product_image', type: 'imageUrl', value: '' }]), /^Invalid "Inputs \(JSON\) \[0\]\.value": is empty/],
		['the same input twice', json([...image(IMAGE), ...image(IMAGE)]), /input "product_image" is given more than once/],
		['a value that is an object', json({ product_image: { url: IMAGE } }), /^Invalid "Inputs \(JSON\)\.product_image": expected text or a URL, got object/],
		[
			'a required form field left empty',
			createRun({
				values: { product_image: '={{ "" }}' },
			}),
			/^Invalid "Inputs → Product Image \(Image URL\)": is required but empty/,
		],
		[
			'a required form field whose expression yields nothing (n8n\'s own check)',
			createRun({ values: { product_image: '={{ $json.nothing }}' } }),
			/^Invalid input for 'product_image' \[item 0\]/,
		],
		['a poll interval of 0', createRun({ options: { pollIntervalSeconds: 0 } }), /^Invalid "Poll Interval \(Seconds\)"/],
		['a negative Max Wait', createRun({ options: { pollIntervalSeconds: 1, maxWaitSeconds: -5 } }), /^Invalid "Max Wait \(Seconds\)"/],
		['an over-long idempotency key', createRun({ options: { idempotencyKey: 'k'.repeat(300) } }), /^Invalid "Idempotency Key": 300 characters/],
		['an empty binary field name', createRun({ downloadOutputs: true, binaryPropertyName: '={{ "" }}' }), /^Invalid "Put Output File in Field"/],
	])('%s', async (_name, parameters, message) => {
		fake = await startFake();
		const withSchema = parameters.inputs
			? {
					...parameters,
					inputs: {
						...parameters.inputs,
						schema: [
							{ id: 'product_image', displayName: 'Product Image (Image URL)', required: true, display: true, defaultMatch: false, type: 'string' },
							{ id: 'background', displayName: 'Background (Text)', required: false, display: true, defaultMatch: false, type: 'string' },
						],
					},
				}
			: parameters;
		const result = await run(fake, withSchema);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(message);
		expect(result.error.context.itemIndex).toBe(0);
		expect(fake.log).toHaveLength(0);
	});

	test('the item index is reported for the item at fault', async () => {
		fake = await startFake();
		const result = await run(fake, json('={{ JSON.stringify([{ id: "product_image", type: "imageUrl", value: $json.url }]) }}'), {
			items: [{ json: { url: 'https://ik.imagekit.io/a/ok.png' } }, { json: { url: 'http://ik.imagekit.io/a/bad.png' } }],
			continueOnFail: true,
		});
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[1].json.error).toMatch(/does not use https:\/\//);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(creates(fake)).toHaveLength(1);
	});
});

describe('only the free GET of the technique, never the paid POST', () => {
	test.each([
		['an http:// URL in a form field', createRun({ values: { product_image: 'http://media.flora.ai/a.png' } }), /^Invalid "Inputs → product_image": .*does not use https:\/\//],
		['a form field on a foreign host', createRun({ values: { product_image: 'https://cdn.example.com/a.png' } }), /the host "cdn\.example\.com"/],
		['a path-style S3 URL without a key', createRun({ values: { product_image: 'https://s3.us-east-1.amazonaws.com/just-bucket' } }), /path-style S3 URL without \/<bucket>\/<key>/],
		['an input the technique does not have', json({ product_image: IMAGE, style: 'noir' }), /"style" is not an input of this technique/],
		['a type the technique does not expect', json([{ id: 'product_image', type: 'videoUrl', value: IMAGE }]), /has type "videoUrl" but the technique expects "imageUrl"/],
		['a required input missing', json({ background: 'grey' }), /^Invalid "Inputs": required input\(s\) missing: Product Image/],
		['no inputs at all', createRun({ values: {} }), /required input\(s\) missing: Product Image/],
	])('%s', async (_name, parameters, message) => {
		fake = await startFake();
		const result = await run(fake, parameters);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(message);
		expect(fake.log.map((e) => e.method)).toEqual(['GET']);
		expect(fake.state.runsCreated).toBe(0);
	});

	test('an unknown input names the ones the technique has', async () => {
		fake = await startFake();
		const result = await run(fake, json({ image: IMAGE }));
		expect(result.error.description).toBe('Allowed: its inputs: product_image (imageUrl), background (text).');
	});
});

describe('every media host form on the page is accepted by the node and by FLORA', () => {
	test.each([
		'https://media.flora.ai/u/a.png',
		'https://storage.googleapis.com/bucket/a.png',
		'https://my-bucket.storage.googleapis.com/a.png',
		'https://my-bucket.s3.us-east-1.amazonaws.com/a.png',
		'https://s3.eu-west-2.amazonaws.com/my-bucket/a.png',
		'https://my-bucket.s3.dualstack.ap-southeast-2.amazonaws.com/a.png',
		'https://s3.dualstack.us-west-2.amazonaws.com/my-bucket/a.png',
		'https://my-bucket.s3-accelerate.amazonaws.com/a.png',
		'https://ik.imagekit.io/acme/a.png',
	])('%s', async (url) => {
		fake = await startFake();
		const result = await run(fake, createRun({ values: { product_image: url }, waitForCompletion: false }));
		expect(result.error).toBeUndefined();
		expect(creates(fake)[0].status).toBe(201);
	});
});
