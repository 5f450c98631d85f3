import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		// The package needs fast-xml-parser, libphonenumber-js and sms-segments-calculator
		// at run time, which is why it uses the config without n8n Cloud support; its
		// package.json rules still forbid runtime dependencies, so that one rule is off.
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
