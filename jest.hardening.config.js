/**
 * `npm run test:hardening`: fuzzing of every parser and encoder, the bad-input matrix through real
 * workflows, secrets, injection and size limits. Kept out of `npm test` (its files end in
 * `.hardening.ts`) because the fuzzing runs 100,000 inputs per parser.
 */
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/hardening'],
	testMatch: ['**/*.hardening.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/hardening/globalSetup.js',
	reporters: ['default', '<rootDir>/test/hardening/summaryReporter.js'],
	testTimeout: 600000,
};
