const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** Creates the file the hardening suites write their counts to; workers inherit the variable. */
module.exports = async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'hardening-')), 'summary.jsonl');
	writeFileSync(file, '');
	process.env.HARDENING_SUMMARY_FILE = file;
};
