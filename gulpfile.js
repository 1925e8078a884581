const { src, dest, task, parallel } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node and credential files in dist/.
task('build:icons', () => src('icons/*.svg').pipe(dest('dist/icons')));

// n8n reads a node's codex (categories, documentation links) from `<Node>.node.json` next to
// the compiled `<Node>.node.js`.
task('build:codex', () => src('nodes/**/*.node.json').pipe(dest('dist/nodes')));

task('build:assets', parallel('build:icons', 'build:codex'));
