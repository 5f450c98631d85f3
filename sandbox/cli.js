#!/usr/bin/env node
'use strict';

const { parseArgs } = require('node:util');
const { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL, MOBILEPRONTO_SERVICE_PATH } = require('./index');

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8085' },
			host: { type: 'string', default: '127.0.0.1' },
			seed: { type: 'string', default: '1' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log('Usage: node sandbox/cli.js [--port 8085] [--host 127.0.0.1] [--seed 1]');
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
	const sandbox = await startSandbox({ port, host: values.host, seed: Number(values.seed) });

	console.log(`Gateway sandbox listening on ${sandbox.url}`);
	console.log('');
	console.log('MobilePronto');
	console.log(`  service:    POST ${sandbox.url}${MOBILEPRONTO_SERVICE_PATH}  (SOAP 1.1 and 1.2)`);
	console.log(`  credencial: ${MOBILEPRONTO_DEMO_CREDENCIAL}  (1000 credits)`);
	console.log('');
	console.log('Control API');
	for (const endpoint of [
		'GET    /__sandbox/requests',
		'GET    /__sandbox/state',
		'POST   /__sandbox/reset',
		'GET    /__sandbox/faults',
		'POST   /__sandbox/faults            {"kind":"status","status":503,"times":1}',
		'DELETE /__sandbox/faults',
		'POST   /__sandbox/mobilepronto/accounts    {"credencial":"<40 chars>","credits":10}',
		'POST   /__sandbox/mobilepronto/blacklist   {"mobile":"+55(11)987654321"}',
		'POST   /__sandbox/mobilepronto/force-code  {"mobile":"+55(11)900000801","code":"801"}',
	]) {
		console.log(`  ${endpoint}`);
	}
	console.log('');
	console.log('Press Ctrl+C to stop.');

	let stopping = false;
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping sandbox.`);
		sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(`sandbox: ${error.message}`);
	process.exit(1);
});
