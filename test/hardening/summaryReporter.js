const { existsSync, readFileSync, rmSync } = require('node:fs');
const { dirname } = require('node:path');

/** Prints, after the hardening run, what each suite checked: fuzzed inputs per parser, matrix cases, secret checks. */
class HardeningSummaryReporter {
	onRunComplete(_contexts, results) {
		const file = process.env.HARDENING_SUMMARY_FILE;
		if (!file || !existsSync(file)) return;
		const entries = readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line));
		rmSync(dirname(file), { recursive: true, force: true });
		const sum = (kind) => entries.filter((e) => e.kind === kind).reduce((n, e) => n + e.count, 0);
		const parsers = new Map();
		for (const e of entries.filter((x) => x.kind === 'parser'))
			parsers.set(e.name, (parsers.get(e.name) ?? 0) + e.count);
		const lines = ['', 'Hardening summary', ''];
		const width = Math.max(20, ...[...parsers.keys()].map((name) => name.length));
		lines.push(`  ${'parser'.padEnd(width)}  fuzzed inputs`);
		lines.push(`  ${'-'.repeat(width)}  -------------`);
		for (const [name, count] of parsers)
			lines.push(`  ${name.padEnd(width)}  ${String(count).padStart(13)}`);
		lines.push('');
		const others = [
			['bad-input matrix cases', 'matrix'],
			['secret checks', 'secret'],
			['injection checks', 'injection'],
			['limit checks', 'limit'],
			['README error-table checks', 'readme'],
		];
		for (const [label, kind] of others)
			lines.push(`  ${label.padEnd(width)}  ${String(sum(kind)).padStart(13)}`);
		const runs = [...parsers.values()];
		const perParser =
			runs.length > 0 && runs.every((n) => n === runs[0])
				? String(runs[0])
				: runs.length > 0
					? `${Math.min(...runs)}+`
					: '0';
		const failed = results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0;
		lines.push('');
		lines.push(
			`hardening: ${parsers.size} parsers × ${perParser} inputs, ${sum('matrix')} matrix cases, ${sum('secret')} secret checks ${failed ? 'run (SOME TESTS FAILED)' : 'passed'}`,
		);
		process.stdout.write(`${lines.join('\n')}\n`);
	}
}

module.exports = HardeningSummaryReporter;
