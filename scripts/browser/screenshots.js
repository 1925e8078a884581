#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshots`: the README's editor pictures, taken from what `npm start` starts (on free
 * ports, with a temporary n8n user folder) in Debian's Chromium:
 *   docs/editor-workflow.png  the support form example on the canvas
 *   docs/editor-node.png      its "Open a ticket" node (Ticket › Create) open
 *   docs/editor-trigger.png   the DevRev Trigger example's trigger node open
 * 1440 x 900, like a laptop screen.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { ROOT } = require('../runtime/paths');
const { freePort } = require('../lib/net');
const { SUPPORT_WORKFLOW_ID, TRIGGER_WORKFLOW_ID } = require('../stack');
const { startDemo } = require('../start');
const { ensureChromium, launchChromium } = require('./chromium');
const { Editor, tid } = require('./editor');

const DOCS = path.join(ROOT, 'docs');
const VIEWPORT = { width: 1440, height: 900 };

async function shoot(page, name) {
	// No pointer over a node (its toolbar would show) and no toast in the corner.
	await page.mouse.move(VIEWPORT.width / 2, 120);
	await page
		.locator('.el-notification')
		.first()
		.waitFor({ state: 'detached', timeout: 15000 })
		.catch(() => undefined);
	await page.waitForTimeout(500);
	const file = path.join(DOCS, name);
	await page.screenshot({ path: file });
	process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

async function main() {
	await ensureChromium({ log: (line) => process.stderr.write(`${line}\n`) });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-screenshots-'));
	const options = { userFolder, port: await freePort(), emulatorPort: await freePort() };
	let stack;
	let browser;
	try {
		const { up } = await startDemo(options, (created) => (stack = created));
		browser = await launchChromium();
		const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
		const editor = new Editor(page, up.n8n.url);
		await editor.signIn(up.owner);

		await editor.openWorkflow(SUPPORT_WORKFLOW_ID);
		await page.locator(tid('zoom-to-fit')).click();
		await shoot(page, 'editor-workflow.png');

		await editor.openNode('Open a ticket');
		await shoot(page, 'editor-node.png');

		await editor.openWorkflow(TRIGGER_WORKFLOW_ID);
		await editor.openNode('When a rev user is created');
		await shoot(page, 'editor-trigger.png');
	} finally {
		if (browser) await browser.close();
		if (stack) await stack.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((e) => {
	process.stderr.write(`npm run screenshots failed: ${e && e.stack ? e.stack : e}\n`);
	process.exitCode = 1;
});
