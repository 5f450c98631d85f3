/**
 * The parts of n8n 2.40.7's editor the browser test uses, by the `data-test-id`s n8n's own
 * Playwright page objects use (packages/testing/playwright/pages/: NodeCreator, CredentialModal,
 * NodeDetailsViewPage, CanvasPage) and visible text.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually, exactText, visible } from './browser';
import type { CreatorItem } from './packageNodes';

export async function signIn(page: Page, url: string, owner: { email: string; password: string }) {
	await page.goto(`${url}/signin`);
	await (
		await visible(page.getByTestId('emailOrLdapLoginId').locator('input'), 'e-mail field')
	).fill(owner.email);
	await page.getByTestId('password').locator('input').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 30000 });
}

export async function openWorkflow(page: Page, url: string, id: string) {
	await page.goto(`${url}/workflow/${id}`);
	await visible(page.getByTestId('canvas-node'), `the nodes of workflow ${id}`, 60000);
}

export const nodeCreator = (page: Page) => page.getByTestId('node-creator');

export async function openNodeCreator(page: Page) {
	await page.getByTestId('node-creator-plus-button').click();
	await visible(page.getByTestId('node-creator-search-bar'), "the node creator's search bar");
}

export async function closeNodeCreator(page: Page) {
	for (let i = 0; i < 3 && (await nodeCreator(page).isVisible()); i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(200);
	}
}

/** Searches the item by its display name; the item whose name is exactly that. */
export async function findCreatorItem(page: Page, item: CreatorItem): Promise<Locator> {
	await page.getByTestId('node-creator-search-bar').fill(item.displayName);
	const name = page.getByTestId('node-creator-item-name').filter({
		hasText: exactText(item.displayName),
	});
	const found = nodeCreator(page).getByTestId('item-iterator-item').filter({ has: name });
	const types = item.nodes.map((n) => `${n.type} from ${n.file}`).join(' and ');
	return visible(
		found,
		`the node creator has no item "${item.displayName}" when searching "${item.displayName}" (${types}). ` +
			'Is it listed in package.json → n8n.nodes, and did n8n load it?',
	);
}

/** The icon image of a node creator item: its URL and whether the browser could draw it. */
export async function iconOf(locator: Locator) {
	const img = locator.locator('img').first();
	await visible(img, 'an icon image');
	return eventually(
		() =>
			img.evaluate(
				(el: { src: string; complete: boolean; naturalWidth: number; naturalHeight: number }) => ({
					src: new URL(el.src).pathname,
					complete: el.complete,
					width: el.naturalWidth,
					height: el.naturalHeight,
				}),
			),
		(i) => i.complete,
		{ what: 'the icon image loading' },
	);
}

/** Opens an item's actions panel, expands its collapsed categories, returns the action names. */
export async function openActions(page: Page, item: Locator): Promise<string[]> {
	await item.click();
	await visible(page.getByTestId('nodes-list-header'), 'the actions panel');
	const creator = nodeCreator(page);
	const categories = creator.locator('[data-category-collapsed]');
	for (let i = 0; i < (await categories.count()); i++) {
		const category = categories.nth(i);
		if ((await category.getAttribute('data-category-collapsed')) === 'true')
			await category.getByTestId('node-creator-category-item').click();
	}
	await eventually(
		() => creator.locator('[data-category-collapsed="true"]').count(),
		(n) => n === 0,
		{ what: 'every action category expanded' },
	);
	// Only the actions: the search results may still be sliding out of view.
	const actions = creator.locator('[data-keyboard-nav-type="action"]');
	return (await actions.getByTestId('node-creator-item-name').allInnerTexts()).map((t) => t.trim());
}

export async function clickAction(page: Page, name: string) {
	const action = nodeCreator(page)
		.locator('[data-keyboard-nav-type="action"]')
		.getByTestId('node-creator-item-name')
		.filter({ hasText: exactText(name) });
	await (await visible(action, `the action "${name}"`)).click();
}

export const ndv = (page: Page) => page.getByTestId('ndv');

export async function closeNdv(page: Page) {
	await page.getByTestId('ndv-close-button').click();
	await ndv(page).waitFor({ state: 'hidden', timeout: 10000 });
}

/** The red credential-test banner and the message behind its "More details". */
export async function credentialTestError(modal: Locator): Promise<string> {
	const banner = modal
		.locator('.el-tag--danger')
		.filter({ hasText: 'Couldn’t connect with these settings' });
	await visible(banner, 'the red "Couldn’t connect with these settings" banner');
	const more = banner.getByText('More details');
	if (await more.isVisible()) await more.click();
	return eventually(
		() => banner.innerText(),
		(t) =>
			t.replace('Couldn’t connect with these settings', '').replace('More details', '').trim()
				.length > 0,
		{ what: 'the error details under the red banner' },
	);
}
