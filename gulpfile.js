const { src, dest } = require('gulp');

// Nodes and credentials name their icons as `file:../../icons/<name>.svg` and
// `file:../icons/<name>.svg` (the @n8n/node-cli layout), which resolves to
// dist/icons/ beside the built nodes/ and credentials/ folders, and lets the
// lint rule check that each named icon exists.
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = copyIcons;
