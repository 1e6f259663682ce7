'use strict';
// Opens each node's parameter panel (NDV) in a real n8n 2.40 editor, with
// Debian's chromium driven by playwright-core (from the e2e cache, no browser
// download), and fails if the panel does not render or n8n reports the node
// as not installed / unknown. Screenshots go to test-artifacts/e2e/.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { paths } = require('../../scripts/n8n-env');
const { REPO_ROOT } = require('../../scripts/pack-into-n8n');
const {
	ensureRuntime,
	repoPackageTarball,
	createUserFolder,
	removeUserFolder,
	startN8n,
	tail,
} = require('./n8n-process');

const OWNER = Object.freeze({
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd',
});

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-dev-shm-usage',
	// No DNS lookups at all: every host but localhost resolves to nothing.
	'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
];

const NOT_INSTALLED_TEXTS = [
	'not currently installed',
	'Install this node to use it',
	'node is not installed',
];

/** Minimal cookie-keeping REST client for n8n's /rest API. */
function restClient(baseUrl) {
	const browserId = crypto.randomUUID();
	let cookie = '';
	return async function rest(method, route, body) {
		const response = await fetch(`${baseUrl}${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': browserId,
				...(cookie ? { cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie ? response.headers.getSetCookie() : [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	};
}

function safeFileName(text) {
	return text.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Highest version a node description declares (version may be a number or a list). */
function latestVersion(description) {
	const version = description.defaultVersion ?? description.version;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/**
 * @param {object} options
 * @param {string[]} options.nodeTypes   full type names, e.g. 'n8n-nodes-ai-media.flokanImageEditor'
 * @param {string[]} [options.packages]  `npm pack` tarballs (default: this repo, built once)
 * @param {string}   [options.artifactsDir] default <repo>/test-artifacts/e2e
 * @param {number}   [options.timeoutMs] per panel (default 60 s)
 * @returns {Promise<Array<{nodeType, ok, problem?, screenshot, parameterCount}>>}
 *   rejects (after checking every node) when any panel failed
 */
async function checkEditorPanels(options) {
	const { nodeTypes, timeoutMs = 60000 } = options;
	if (!Array.isArray(nodeTypes) || !nodeTypes.length)
		throw new Error('checkEditorPanels: pass nodeTypes');
	const artifactsDir = path.resolve(
		options.artifactsDir || path.join(REPO_ROOT, 'test-artifacts', 'e2e'),
	);
	fs.mkdirSync(artifactsDir, { recursive: true });
	const runtime = ensureRuntime();
	const { chromium } = require(runtime.playwrightCore);
	const packages = options.packages || [repoPackageTarball()];

	const userFolder = createUserFolder({ packages });
	const server = await startN8n(userFolder).catch((error) => {
		removeUserFolder(userFolder);
		throw error;
	});
	let browser;
	const results = [];
	try {
		const rest = restClient(`http://127.0.0.1:${server.port}`);
		await rest('POST', '/rest/owner/setup', OWNER);
		const known = await rest('GET', '/types/nodes.json');
		const descriptions = new Map();
		for (const description of known) {
			const previous = descriptions.get(description.name);
			if (!previous || latestVersion(description) > latestVersion(previous)) {
				descriptions.set(description.name, description);
			}
		}

		browser = await chromium.launch({
			executablePath: paths().chromium,
			headless: true,
			args: CHROMIUM_ARGS,
		});
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		const consoleErrors = [];
		page.on('console', (message) => {
			if (message.type() === 'error') consoleErrors.push(message.text());
		});
		await signIn(page, server.url);

		for (const nodeType of nodeTypes) {
			const screenshot = path.join(artifactsDir, `${safeFileName(nodeType)}.png`);
			const result = { nodeType, ok: false, screenshot, parameterCount: 0 };
			results.push(result);
			try {
				const description = descriptions.get(nodeType);
				const nodeId = crypto.randomUUID();
				const workflow = await rest('POST', '/rest/workflows', {
					name: `e2e panel ${nodeType}`,
					nodes: [
						{
							id: nodeId,
							name: description ? description.defaults.name || description.displayName : 'Probe',
							type: nodeType,
							typeVersion: description ? latestVersion(description) : 1,
							position: [0, 0],
							parameters: {},
						},
					],
					connections: {},
					settings: {},
				});
				await page.goto(`${server.url}/workflow/${workflow.data.id}/${nodeId}`);
				await page
					.locator('[data-test-id="ndv"]')
					.first()
					.waitFor({ state: 'visible', timeout: timeoutMs });
				const parameters = page
					.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]')
					.first();
				const notInstalledNotice = page.getByText(/not currently installed/i).first();
				// Whichever comes first: the parameters, or n8n's "Install this node" notice.
				await parameters
					.or(notInstalledNotice)
					.first()
					.waitFor({ state: 'visible', timeout: timeoutMs })
					.catch(() => undefined);
				await page.waitForTimeout(500); // let icons and lazy parameter components settle
				await page.screenshot({ path: screenshot, fullPage: false });
				const ndvText = await page.locator('[data-test-id="ndv"]').first().innerText();
				result.parameterCount = await page
					.locator('[data-test-id="ndv"] [data-test-id="parameter-item"]')
					.count();
				const notInstalled = NOT_INSTALLED_TEXTS.find((t) =>
					ndvText.toLowerCase().includes(t.toLowerCase()),
				);
				if (!description)
					result.problem = `n8n does not know node type ${nodeType} (not in /types/nodes.json)`;
				else if (notInstalled)
					result.problem = `n8n reports the node as not installed ("${notInstalled}")`;
				else if (!(await parameters.isVisible()))
					result.problem = 'the parameter panel did not render';
				else if (result.parameterCount === 0)
					result.problem = 'the parameter panel shows no parameters';
				else result.ok = true;
			} catch (error) {
				result.problem = error.message.split('\n')[0];
				await page.screenshot({ path: screenshot }).catch(() => undefined);
			}
		}
		const failed = results.filter((r) => !r.ok);
		if (failed.length) {
			const lines = failed.map((r) => `- ${r.nodeType}: ${r.problem} (screenshot ${r.screenshot})`);
			if (consoleErrors.length)
				lines.push(`browser console errors:\n${consoleErrors.slice(-10).join('\n')}`);
			throw new Error(
				`editor check failed for ${failed.length} of ${results.length} node(s):\n${lines.join('\n')}`,
			);
		}
		return results;
	} catch (error) {
		if (!error.message.startsWith('editor check failed')) {
			error.message += `\n--- n8n output ---\n${tail(server.output(), 3000)}`;
		}
		throw error;
	} finally {
		if (browser) await browser.close().catch(() => undefined);
		await server.stop();
		removeUserFolder(userFolder);
	}
}

async function signIn(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`);
	const form = page.locator('[data-test-id="auth-form"], [data-test-id="signin-form"]').first();
	await form.waitFor({ state: 'visible', timeout: 60000 });
	await form
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(OWNER.email);
	await form.locator('input[type="password"]').first().fill(OWNER.password);
	await form.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60000 });
}

module.exports = { checkEditorPanels, CHROMIUM_ARGS, OWNER };
