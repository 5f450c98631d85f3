/**
 * End-to-end queue profile: n8n in queue mode (Redis, PostgreSQL, one main, two workers) started
 * by the test file itself (test/e2e/queueMode.e2e.test.ts over scripts/lib/queueMode/), so no
 * globalSetup. Run it with `npm run test:e2e:queue` (scripts/test-e2e.js, N8N_E2E_PROFILE=queue).
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/queueMode.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
};
