import { readFileSync } from 'node:fs';

import { README, readmeSection } from '../helpers/readmeSection';
import { documentedCodes, END, renderErrorsSection, START } from './readmeErrors';
import { record } from './summary';

describe('README "Errors and what to do" matches the error tables in the code', () => {
	it('is the rendered section, byte for byte (UPDATE_README=1 rewrites it)', () => {
		const { current, rendered } = readmeSection(START, END, renderErrorsSection());
		expect(current).toBe(rendered);
	});

	it('documents every code a user can see', () => {
		const readme = readFileSync(README, 'utf8');
		const codes = documentedCodes();
		for (const code of codes) expect(readme).toContain(code);
		record('readme', 'codes', codes.length);
	});
});
