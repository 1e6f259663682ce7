#!/usr/bin/env node
'use strict';
// The npm dist-tag a version is published under: `next` for a prerelease (1.0.0-rc.1), `latest`
// for a release, so `npm install n8n-nodes-ai-media` and n8n's installer never get a prerelease.
//   node scripts/dist-tag.js [version]       prints the tag; the version defaults to the one in
//                                            ./package.json; exit 1 for a version that is not semver
//   require('./dist-tag').distTag('1.0.0-rc.1')  → 'next' (throws for a version that is not semver)
const fs = require('node:fs');
const path = require('node:path');

// semver 2.0.0: major.minor.patch, then an optional -prerelease and +build metadata.
const SEMVER =
	/^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function distTag(version) {
	const match = SEMVER.exec(String(version));
	if (!match) throw new Error(`"${version}" is not a semver version (like 0.2.0 or 1.0.0-rc.1)`);
	return match[1] ? 'next' : 'latest';
}

module.exports = { distTag };

if (require.main === module) {
	try {
		const version =
			process.argv[2] ??
			JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')).version;
		console.log(distTag(version));
	} catch (error) {
		process.stderr.write(`[dist-tag] ${error.message}\n`);
		process.exit(1);
	}
}
