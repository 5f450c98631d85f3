/**
 * The README's table of send outcomes ("Bulk sending → Never twice") is the outcome table the
 * nodes use (nodes/transport/outcome.ts), row by row and in the same order.
 * `UPDATE_README=1 npx jest test/unit/transport/readmeOutcomes` rewrites it.
 */
import { SEND_OUTCOMES } from '../../../nodes/transport/outcome';
import { readmeSection } from '../../helpers/readmeSection';

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
		const { current, rendered } = readmeSection(START, END, renderOutcomesTable());
		expect(current).toBe(rendered);
	});
});
