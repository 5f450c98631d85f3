import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { documentedCodes, END, renderErrorsSection, START } from './readmeErrors';
import { record } from './summary';

const README = join(__dirname, '..', '..', 'README.md');

describe('README "Errors and what to do" matches the error tables in the code', () => {
	it('is the rendered section, byte for byte (UPDATE_README=1 rewrites it)', () => {
		const readme = readFileSync(README, 'utf8');
		const start = readme.indexOf(START);
		const end = readme.indexOf(END);
		expect(start).toBeGreaterThan(-1);
		expect(end).toBeGreaterThan(start);
		const current = readme.slice(start, end + END.length);
		// The README is formatted by Prettier (with the project's config), so the section is
		// compared the way Prettier writes it. Prettier runs in its own process: its API loads
		// plugins with dynamic imports, which jest's module sandbox does not allow.
		const rendered = execFileSync(
			process.execPath,
			[require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', README],
			{ input: renderErrorsSection(), encoding: 'utf8' },
		).trimEnd();
		if (process.env.UPDATE_README === '1' && current !== rendered) {
			writeFileSync(README, readme.slice(0, start) + rendered + readme.slice(end + END.length));
			return;
		}
		expect(current).toBe(rendered);
	});

	it('documents every code a user can see', () => {
		const readme = readFileSync(README, 'utf8');
		const codes = documentedCodes();
		for (const code of codes) expect(readme).toContain(code);
		record('readme', 'codes', codes.length);
	});
});
