/**
 * The README's table of send outcomes ("Bulk sending → Never twice") is the outcome table the
 * nodes use (nodes/transport/outcome.ts), row by row and in the same order.
 * `UPDATE_README=1 npx jest test/unit/transport/readmeOutcomes` rewrites it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SEND_OUTCOMES } from '../../../nodes/transport/outcome';

const README = join(__dirname, '..', '..', '..', 'README.md');
const START =
	'<!-- outcomes-table:start (generated from SEND_OUTCOMES in nodes/transport/outcome.ts by test/unit/transport/readmeOutcomes.test.ts) -->';
const END = '<!-- outcomes-table:end -->';

const OUTCOME_WORDS = {
	notSent: '**not sent** (on proof): may be tried again by Retry On Fail',
	unknown: '**outcome unknown** (`outcomeUnknown: true`): never sent again automatically',
};

function renderOutcomesTable(): string {
	const rows = Object.entries(SEND_OUTCOMES).map(
		([failure, rule]) =>
			`| \`${failure}\` | ${OUTCOME_WORDS[rule.outcome]} | ${rule.because.replace(/\|/g, '\\|')} |`,
	);
	return [START, '', '| Failure | Outcome | Why |', '| --- | --- | --- |', ...rows, '', END].join(
		'\n',
	);
}

describe('README outcome table', () => {
	it('is SEND_OUTCOMES rendered, row by row, in the same order (UPDATE_README=1 rewrites it)', () => {
		const readme = readFileSync(README, 'utf8');
		const start = readme.indexOf(START);
		const end = readme.indexOf(END);
		expect(start).toBeGreaterThan(-1);
		expect(end).toBeGreaterThan(start);
		const current = readme.slice(start, end + END.length);
		// Compared the way Prettier writes it (in its own process: jest's module sandbox does not
		// allow the dynamic imports of its API).
		const rendered = execFileSync(
			process.execPath,
			[require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', README],
			{ input: renderOutcomesTable(), encoding: 'utf8' },
		).trimEnd();
		if (process.env.UPDATE_README === '1' && current !== rendered) {
			writeFileSync(README, readme.slice(0, start) + rendered + readme.slice(end + END.length));
			return;
		}
		expect(current).toBe(rendered);
	});
});
