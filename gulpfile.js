const { src, dest, task } = require('gulp');

/** Copies what tsc does not emit: node and credential icons, and the codex files. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', buildIcons);
