import js from '@eslint/js';
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The n8n node-cli config targets every `**/*.ts`; its community-node and import rules are about
// the published nodes and credentials, so it is kept exactly as it is but aimed at those two
// folders. The tests, the sandbox, the scripts and the benchmark get the plain recommended sets.
const PACKAGE_SOURCES = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const n8nConfig = configWithoutCloudSupport.map((block) =>
	block.files?.length === 1 && block.files[0] === '**/*.ts'
		? { ...block, files: PACKAGE_SOURCES }
		: block,
);

// `const { omitted, ...rest } = value` is how these files drop properties from a copy.
const unusedVars = ['error', { ignoreRestSiblings: true }];

export default [
	...n8nConfig,
	{
		// The package needs fast-xml-parser, libphonenumber-js and sms-segments-calculator
		// at run time, which is why it uses the config without n8n Cloud support; its
		// package.json rules still forbid runtime dependencies, so that one rule is off.
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	...tseslint.config({
		// Jest tests and helpers (TypeScript), and the sandbox's type declarations.
		files: ['test/**/*.ts', 'sandbox/**/*.d.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: { '@typescript-eslint/no-unused-vars': unusedVars },
	}),
	{
		// Plain CommonJS run by Node.js: the gateway sandbox, the e2e/demo scripts, the benchmark.
		files: ['scripts/**/*.js', 'sandbox/**/*.js', 'bench/**/*.js'],
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 'latest',
			sourceType: 'commonjs',
			globals: globals.node,
		},
		rules: { ...js.configs.recommended.rules, 'no-unused-vars': unusedVars },
	},
];
