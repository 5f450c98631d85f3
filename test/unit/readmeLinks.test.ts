import * as fs from 'node:fs';
import * as path from 'node:path';

import { MobileProntoApi } from '../../credentials/MobileProntoApi.credentials';
import { SmSendApi } from '../../credentials/SmSendApi.credentials';
import { MobilePronto } from '../../nodes/MobilePronto/MobilePronto.node';
import { SmSend } from '../../nodes/SmSend/SmSend.node';
import { SmSendTrigger } from '../../nodes/SmSend/SmSendTrigger.node';

const ROOT = path.join(__dirname, '..', '..');

/** The anchors GitHub and npm give a Markdown file's headings and `<a id>` tags. */
function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	let fence = false;
	for (const line of fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')) {
		if (line.startsWith('```')) fence = !fence;
		if (fence) continue;
		const heading = /^#{1,6} (.*)$/.exec(line);
		if (heading)
			anchors.add(
				heading[1]
					.toLowerCase()
					.replace(/[^\p{L}\p{N}\s_-]/gu, '')
					.replace(/ /g, '-'),
			);
		for (const tag of line.matchAll(/<a id="([^"]+)"/g)) anchors.add(tag[1]);
	}
	return anchors;
}

/** Every `](target#anchor)` link of a Markdown file, outside code. */
function linksOf(file: string): Array<{ target: string; anchor: string }> {
	const links: Array<{ target: string; anchor: string }> = [];
	let fence = false;
	for (const line of fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')) {
		if (line.startsWith('```')) fence = !fence;
		if (fence) continue;
		for (const link of line.matchAll(/\]\(([^)#\s]*)#([^)\s]+)\)/g))
			links.push({ target: link[1] || file, anchor: link[2] });
	}
	return links;
}

describe('README and CONTRIBUTING links', () => {
	const documentationUrls = [
		new MobilePronto().description.documentationUrl,
		new SmSend().description.documentationUrl,
		new SmSendTrigger().description.documentationUrl,
		new MobileProntoApi().documentationUrl,
		new SmSendApi().documentationUrl,
	];

	it.each(documentationUrls)('the editor’s docs link %s opens a section of the README', (url) => {
		const anchor = String(url).split('#')[1];
		expect(anchorsOf('README.md')).toContain(anchor);
	});

	it.each(['README.md', 'CONTRIBUTING.md', 'bench/README.md'])(
		'every #anchor link in %s points at a heading that exists',
		(file) => {
			const broken = linksOf(file)
				.filter(({ target }) => target.endsWith('.md'))
				.filter(({ target, anchor }) => {
					const resolved = target === file ? file : path.join(path.dirname(file), target);
					return !anchorsOf(resolved).has(anchor);
				});
			expect(broken).toEqual([]);
		},
	);

	it('README images exist', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
		expect(images.length).toBeGreaterThan(0);
		expect(images.filter((image) => !fs.existsSync(path.join(ROOT, image)))).toEqual([]);
	});
});
