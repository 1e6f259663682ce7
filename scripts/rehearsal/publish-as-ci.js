'use strict';
// Publishing as .github/workflows/publish.yml does, up to the registry: the dist-tag comes from
// scripts/dist-tag.js and reaches `npm publish` as NPM_CONFIG_TAG only when it is not `latest`
// (n8n-node release runs a plain `npm publish`). Provenance and the OIDC token are GitHub's part.
// Later versions of a released package are its tarball with another version in package.json
// (the same built files), so an update can be rehearsed without a second build.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { distTag } = require('../dist-tag');
const { cleanNpmEnv } = require('../local-processes');

/** Publishes a package folder or tarball of `version` under the dist-tag publish.yml gives it. */
async function publishAsCi(registry, target, version) {
	const tag = distTag(version);
	await registry.publish(target, tag === 'latest' ? {} : { tag });
	return tag;
}

/** npm pack of a built package folder into outDir (env: added to npm's); returns the tarball's path. */
function pack(packageDir, outDir, { env = {} } = {}) {
	fs.mkdirSync(outDir, { recursive: true });
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', outDir],
		{
			cwd: packageDir,
			encoding: 'utf8',
			// npm's update check would ask registry.npmjs.org (outside CI, once a week).
			env: { ...cleanNpmEnv(), npm_config_update_notifier: 'false', ...env },
		},
	);
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(outDir, info.filename);
}

/** The files of `tarball` in a new folder `dir`, with package.json's version set to `version`. */
function asVersion(tarball, version, dir) {
	fs.mkdirSync(dir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	const manifestPath = path.join(dir, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }, null, 2) + '\n');
	return dir;
}

module.exports = { publishAsCi, pack, asVersion };
