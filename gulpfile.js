const path = require('node:path');
const fs = require('node:fs');
const { src, dest, parallel } = require('gulp');

// Each built node folder and the credentials folder get every light and dark icon,
// so `file:<name>.svg` resolves next to the .js file that names it.
function iconTargets() {
	const nodesDir = path.join('dist', 'nodes');
	const nodeDirs = fs
		.readdirSync(nodesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && fs.existsSync(path.join(nodesDir, entry.name, `${entry.name}.node.js`)))
		.map((entry) => path.join(nodesDir, entry.name));
	return [...nodeDirs, path.join('dist', 'credentials')];
}

function copyIcons(done) {
	const tasks = iconTargets().map((target) => {
		const copy = () => src('icons/*.svg').pipe(dest(target));
		copy.displayName = `icons → ${target}`;
		return copy;
	});
	return parallel(...tasks)(done);
}

exports['build:icons'] = copyIcons;
