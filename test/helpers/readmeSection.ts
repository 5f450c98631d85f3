import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const README = join(__dirname, '..', '..', 'README.md');

/**
 * A generated section of the README, between its `start` and `end` markers: what the README
 * has now, and `markdown` as Prettier (with the project's config) writes it. With
 * `UPDATE_README=1` a differing section is rewritten and given back as current.
 * Prettier runs in its own process: its API loads plugins with dynamic imports, which jest's
 * module sandbox does not allow.
 */
export function readmeSection(
	start: string,
	end: string,
	markdown: string,
): { current: string; rendered: string } {
	const readme = readFileSync(README, 'utf8');
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from < 0 || to < from) throw new Error(`README has no section between ${start} and ${end}`);
	const current = readme.slice(from, to + end.length);
	const rendered = execFileSync(
		process.execPath,
		[require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', README],
		{ input: markdown, encoding: 'utf8' },
	).trimEnd();
	if (process.env.UPDATE_README === '1' && current !== rendered) {
		writeFileSync(README, readme.slice(0, from) + rendered + readme.slice(to + end.length));
		return { current: rendered, rendered };
	}
	return { current, rendered };
}
