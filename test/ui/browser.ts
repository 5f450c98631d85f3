/**
 * Debian's Chromium driven by playwright-core (its own browser download cannot work here), on
 * loopback only: every request to another host is refused in the browser and remembered, so the
 * editor never reaches out (n8n's editor asks the npm registry about community packages).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(
	process.env.UI_SCREENSHOTS || path.join(__dirname, 'screenshots'),
);

export interface Browser {
	context: BrowserContext;
	page: Page;
	/** Console errors and uncaught page errors since the last `takeErrors()`. */
	takeErrors(): string[];
	/** Requests to other hosts that were refused. */
	blocked: Set<string>;
	screenshot(name: string): Promise<string>;
	close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function launchBrowser(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
	fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const blocked = new Set<string>();
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (!/^https?:$/.test(url.protocol) || LOOPBACK.has(url.hostname)) return route.continue();
		blocked.add(url.href);
		return route.abort('blockedbyclient');
	});
	const page = context.pages()[0] ?? (await context.newPage());
	let errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		// The refusal of a request to another host is ours, not the editor's.
		if (blocked.has(m.location().url)) return;
		errors.push(`console: ${m.text()} (${m.location().url})`);
	});
	page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
	let count = 0;
	return {
		context,
		page,
		blocked,
		takeErrors() {
			const taken = errors;
			errors = [];
			return taken;
		},
		async screenshot(name) {
			count++;
			const file = path.join(SCREENSHOTS, `${String(count).padStart(2, '0')}-${name}.png`);
			await page.screenshot({ path: file });
			return file;
		},
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** A file-name-safe version of a label. */
export const slug = (text: string) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

export const exactText = (text: string) =>
	new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Waits until `read()` returns a value `accept` takes; the last value is in the error. */
export async function eventually<T>(
	read: () => Promise<T>,
	accept: (value: T) => boolean,
	{ timeoutMs = 20000, what = 'condition' } = {},
): Promise<T> {
	const until = Date.now() + timeoutMs;
	let last: T | undefined;
	let lastError: unknown;
	for (;;) {
		try {
			last = await read();
			if (accept(last)) return last;
		} catch (e) {
			lastError = e;
		}
		if (Date.now() > until) {
			throw new Error(
				`${what} not met after ${timeoutMs} ms; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${lastError}` : ''}`,
			);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Visible within the timeout, or an error that says what was looked for. */
export async function visible(locator: Locator, what: string, timeout = 20000): Promise<Locator> {
	try {
		await locator.first().waitFor({ state: 'visible', timeout });
	} catch {
		throw new Error(`not visible after ${timeout} ms: ${what}`);
	}
	return locator.first();
}
