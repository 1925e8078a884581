'use strict';
/**
 * The browser tests' editor steps on top of those of `npm run screenshots`
 * (scripts/browser/editor.js): the nodes panel, the DevRev node's parameters and pickers, running
 * it and reading its output or error, credentials, and n8n's form pages.
 */
const { DEFAULT_WAIT_MS, Editor: BaseEditor, tid } = require('../../scripts/browser/editor');

/** The Overview, a new workflow, and the nodes panel: searching it, DevRev's entry and its categories. */
class NodesPanel extends BaseEditor {
	/** The names on the Overview's workflow cards, once at least `atLeast` cards are shown (they appear one by one). */
	async workflowNames(atLeast = 1) {
		const names = this.page.locator(tid('workflow-card-name'));
		await names.nth(atLeast - 1).waitFor();
		return names.allInnerTexts();
	}

	async newWorkflow() {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.locator(tid('canvas-add-button')).waitFor();
	}

	/**
	 * Opens the nodes panel and searches it; resolves the names it lists once one of them has
	 * `expected` in it (by default the text searched: a node found by an alias shows another name).
	 */
	async searchNodes(text, expected = text) {
		const { page } = this;
		await page.locator(tid('canvas-add-button')).click();
		await page.locator(tid('node-creator-search-bar')).fill(text);
		const names = page.locator(tid('node-creator-item-name'));
		await names
			.filter({ hasText: new RegExp(expected, 'i') })
			.first()
			.waitFor();
		return names.allInnerTexts();
	}

	/**
	 * Opens "DevRev" in the nodes panel (the DevRev node and the DevRev Trigger under one entry) with
	 * both of its categories expanded; resolves the category headers ("Triggers (72)", ...) and the
	 * names listed under them.
	 */
	async openDevRev() {
		const { page } = this;
		await this.searchNodes('DevRev');
		await page.locator(`${tid('node-creator-item-name')}:text-is("DevRev")`).click();
		await this.expandCategory('Triggers');
		await this.expandCategory('Actions');
		const categories = await page.locator(tid('node-creator-category-item')).allInnerTexts();
		// An expanded category renders its items after its header changes: wait for all of them.
		const listed = categories.reduce(
			(sum, text) => sum + Number(/\((\d+)\)/.exec(text)?.[1] ?? 0),
			0,
		);
		const names = page.locator(tid('node-creator-item-name'));
		await names.nth(listed - 1).waitFor();
		return { categories, names: await names.allInnerTexts() };
	}

	/** Expands a category of the nodes panel ("Actions", "Triggers") unless it is expanded already. */
	async expandCategory(name) {
		const { page } = this;
		const header = page.locator(tid('node-creator-category-item'), {
			hasText: new RegExp(`^${name} \\(`),
		});
		await header.waitFor();
		const category = (collapsed) =>
			page.locator(`[data-category-collapsed="${collapsed}"]`, { has: header });
		if (await category(true).count()) await header.click();
		await category(false).waitFor();
	}

	/** Adds the DevRev node with one of its actions ("Scan rev users", ...); its panel opens. */
	async addDevRevNode(action) {
		const { page } = this;
		await this.searchNodes('DevRev');
		await page.locator(`${tid('node-creator-item-name')}:text-is("DevRev")`).click();
		await this.expandCategory('Actions');
		await this.pickFromPanel(action);
	}

	/** Clicks an entry the nodes panel lists ("Scan rev users", "On rev user created", ...); the node's panel opens. */
	async pickFromPanel(name) {
		await this.page.locator(`${tid('node-creator-item-name')}:text-is("${name}")`).click();
		await this.page.locator(tid('node-parameters')).waitFor();
	}
}

/** An open node: its credential and parameters, Execute step, its output or error. */
class NodeSteps extends NodesPanel {
	async closeNode() {
		await this.page.locator(tid('ndv-close-button')).click();
	}

	async selectCredential(id) {
		await this.page.locator(tid('node-credentials-select')).click();
		await this.page.locator(tid(`node-credentials-select-item-${id}`)).click();
	}

	async setText(param, value) {
		const input = this.page
			.locator(
				`${tid(`parameter-input-${param}`)} input, ${tid(`parameter-input-${param}`)} textarea`,
			)
			.first();
		await input.fill(String(value));
		await input.press('Tab');
	}

	async toggle(param) {
		await this.page.locator(tid(`parameter-input-${param}`)).click();
	}

	/** Adds an option to a collection by its label, e.g. ('Add Filter', 'Phone Numbers') for a Scan filter. */
	async addCollectionOption(placeholder, label) {
		await this.page
			.locator(`${tid('collection-parameter-add')} input[placeholder="${placeholder}"]`)
			.click();
		await this.page
			.locator(`${tid('collection-parameter-option')}:visible`, { hasText: label })
			.click();
	}

	/** "Execute step" in the open node panel. */
	async executeStep() {
		await this.page.locator(tid('node-execute-button')).click();
	}

	/** The output's item count as shown ("7 items"), once it reads `expected` (a run just finished). */
	async waitForItemsCount(expected, timeout = DEFAULT_WAIT_MS) {
		const count = this.page.locator(`${tid('output-panel')} ${tid('ndv-items-count')}`);
		await count
			.filter({ hasText: new RegExp(`^${expected} items?$`) })
			.waitFor({ timeout })
			.catch(() => undefined);
		return count.innerText();
	}

	/** The output panel's text, once it shows `expected` (the data renders after the item count). */
	async outputText(expected) {
		const panel = this.page.locator(tid('output-panel'));
		if (expected)
			await panel
				.getByText(expected)
				.first()
				.waitFor({ timeout: DEFAULT_WAIT_MS })
				.catch(() => undefined);
		return panel.innerText();
	}

	/** The node's error in the output panel, every detail section opened: { message, description, panel }. */
	async nodeError() {
		const panel = this.page.locator(tid('output-panel'));
		await panel.locator(tid('node-error-message')).waitFor();
		for (const summary of await panel.locator('details > summary').all()) await summary.click();
		return {
			message: await panel.locator(tid('node-error-message')).innerText(),
			description: await panel.locator(tid('node-error-description')).innerText(),
			panel: await panel.innerText(),
		};
	}
}

/** Resource locators (From List): DevRev's search through the list, picking an entry. */
class Pickers extends NodeSteps {
	/**
	 * Types into a resource locator's search (From List) and resolves the entries it lists: read
	 * once n8n has answered the search for `text` and every further page (the list scrolled to its
	 * end asks for the next one), and the browser has drawn the last answer.
	 */
	async searchPicker(param, text) {
		const { page } = this;
		let answered = this.listAnswer(text);
		await page.locator(`${tid(`resource-locator-${param}`)} ${tid('rlc-input')}`).click();
		if (text) await page.locator(tid('rlc-search')).fill(text);
		const items = page.locator(`${tid('rlc-item')}:visible`);
		for (let answer = await answered; answer.paginationToken; answer = await answered) {
			answered = this.listAnswer(text, answer.paginationToken);
			await items.last().scrollIntoViewIfNeeded();
		}
		await page.evaluate(
			'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
		);
		return items.allInnerTexts();
	}

	/**
	 * The next answer of n8n's REST API to the editor's resource locator search for `text` (that
	 * page of it): `{ results, paginationToken }`.
	 */
	async listAnswer(text, paginationToken) {
		const response = await this.page.waitForResponse((candidate) => {
			if (!candidate.url().endsWith('/rest/dynamic-node-parameters/resource-locator-results'))
				return false;
			const asked = JSON.parse(candidate.request().postData() ?? '{}');
			return (
				(asked.filter ?? '') === text &&
				String(asked.paginationToken ?? '') === String(paginationToken ?? '')
			);
		});
		return (await response.json()).data;
	}

	/** Picks a listed entry (after searchPicker, or the list as it opens when `text` is empty). */
	async pick(param, entry, text = '') {
		if (text || !(await this.page.locator(tid('rlc-search')).isVisible()))
			await this.searchPicker(param, text);
		await this.page
			.locator(`${tid('rlc-item')}:visible`, { hasText: entry })
			.first()
			.click();
	}
}

/** Credentials: creating one from the node, its dialog, the connection test n8n runs. */
class Editor extends Pickers {
	/**
	 * Creates a DevRev credential from the open node's credential list; resolves the connection
	 * test's banner once n8n has tested it: { ok, text }.
	 */
	async createCredential({ apiToken, baseUrl }) {
		const { page } = this;
		await page.locator(tid('node-credentials-select')).click();
		await page.locator(tid('node-credentials-select-item-new')).click();
		return this.saveCredential({ apiToken, baseUrl });
	}

	/** Opens the node's selected credential; n8n tests it on opening. */
	async openCredential() {
		await this.page.locator(tid('credential-edit-button')).click();
		return this.credentialTestBanner();
	}

	async saveCredential({ apiToken, baseUrl }) {
		const { page } = this;
		const dialog = page.locator(tid('credential-edit-dialog'));
		await dialog.locator(`${tid('parameter-input-apiToken')} input`).fill(apiToken);
		await dialog.locator(`${tid('parameter-input-baseUrl')} input`).fill(baseUrl);
		await page.locator(tid('credential-save-button')).click();
		return this.credentialTestBanner();
	}

	/** The banner with the credential test's outcome (an element-plus tag); a failure's "More details" opened. */
	async credentialTestBanner() {
		const dialog = this.page.locator(tid('credential-edit-dialog'));
		const outcome = /Connection tested successfully|Couldn.t connect with these settings/;
		const banner = dialog.locator('.el-tag:visible', { hasText: outcome }).first();
		await banner.waitFor({ timeout: DEFAULT_WAIT_MS });
		const more = banner.getByText('More details');
		if (await more.isVisible()) {
			await more.click();
			await more.waitFor({ state: 'hidden' });
		}
		const text = await banner.innerText();
		return { ok: /Connection tested successfully/.test(text), text };
	}

	async closeCredential() {
		await this.page.getByRole('button', { name: 'Close this dialog' }).click();
	}
}

/**
 * Fills an n8n form page as a user does (fields by their labels) and sends it; resolves the page
 * the form ends on: { title, text }.
 * @param {import('playwright-core').Page} page
 * @param {string} formUrl
 * @param {Record<string, string>} values label -> what the user types
 */
async function submitForm(page, formUrl, values) {
	await page.goto(formUrl);
	for (const [label, value] of Object.entries(values))
		await page.getByLabel(label, { exact: true }).fill(value);
	await page.locator('#submit-btn').click();
	await page
		.locator('#submit-btn')
		.waitFor({ state: 'hidden', timeout: DEFAULT_WAIT_MS })
		.catch(() => undefined);
	const title = page.locator('h1:visible').first();
	await title.waitFor({ timeout: DEFAULT_WAIT_MS }).catch(() => undefined);
	return {
		title: (await title.innerText().catch(() => '')).trim(),
		text: await page.locator('body').innerText(),
	};
}

module.exports = { Editor, submitForm };
