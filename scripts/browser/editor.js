'use strict';
/**
 * What a user does in n8n's editor (2.41), as steps on a playwright-core page: the steps
 * `npm run screenshots` takes (sign in, open a workflow, open a node). The browser tests add
 * theirs in test/browser/editor.js. Selectors are n8n's data-test-id attributes where n8n has one.
 */

const tid = (id) => `[data-test-id="${id}"]`;
const DEFAULT_WAIT_MS = 30000;

class Editor {
	/**
	 * @param {import('playwright-core').Page} page
	 * @param {string} baseUrl n8n's URL
	 */
	constructor(page, baseUrl) {
		this.page = page;
		this.baseUrl = baseUrl.replace(/\/+$/, '');
	}

	/** The sign-in page, filled and sent; resolves on the Overview page. */
	async signIn({ email, password }) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.locator('#emailOrLdapLoginId').fill(email);
		await page.locator('#password').fill(password);
		await page.locator(tid('form-submit-button')).click();
		await page.waitForURL(/\/home\//, { timeout: DEFAULT_WAIT_MS });
	}

	async openWorkflow(id) {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.locator(tid('canvas-node')).first().waitFor();
	}

	async openNode(name) {
		await this.page.locator(tid('canvas-node'), { hasText: name }).first().dblclick();
		await this.page.locator(tid('node-parameters')).waitFor();
	}
}

module.exports = { Editor, tid, DEFAULT_WAIT_MS };
