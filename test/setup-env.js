// n8n-core writes its config into N8N_USER_FOLDER when loaded: keep it out of the home folder.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-devrev-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
