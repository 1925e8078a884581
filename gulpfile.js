const { src, dest, task } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node and credential files in dist/.
task('build:icons', () => src('icons/*.svg').pipe(dest('dist/icons')));
