/**
 * `npm run test:ui` (scripts/test-ui.js): the editor in Debian's Chromium against a real n8n with
 * the packed package, and `npm start` started and stopped by every signal. Not part of `npm test`.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};
