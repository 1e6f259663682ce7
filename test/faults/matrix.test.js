'use strict';
/**
 * The fault matrix: for every API, through the real nodes and the fakes' fault knobs, rate limits,
 * server errors, dropped connections, slow and malformed answers, deadlines, stops, webhook
 * forgeries and secret leaks. Prints the matrix (API × fault → pass / n/a reason) at the end.
 */
const { printMatrix } = require('./support/matrix');
const { checked } = require('./support/leak');

require('./apis/imageEditor')();
require('./apis/thumbnailGenerator')();
require('./apis/voToImages')();
require('./apis/flora')();
require('./apis/vidgen')();

afterAll(() => {
	printMatrix();
	process.stdout.write(`Leak check: ${checked.runs} runs, ${checked.errors} errors and ${checked.logLines} log lines searched; ${checked.leaks.length} leaks\n`);
});
