'use strict';
/**
 * Waiting on a fake's state without polling: until(condition) resolves once condition() holds,
 * checked at once and every time the state calls changed(); clear() forgets every waiter (the
 * fake is closing). Used by the fakes (when), their gates (until) and the file host (allClosed).
 */
function conditionWatch() {
	const watchers = new Set();
	return {
		changed() {
			for (const watcher of [...watchers]) watcher();
		},
		until(condition) {
			return new Promise((resolve) => {
				const check = () => {
					if (!condition()) return;
					watchers.delete(check);
					resolve();
				};
				watchers.add(check);
				check();
			});
		},
		clear() {
			watchers.clear();
		},
	};
}

module.exports = { conditionWatch };
