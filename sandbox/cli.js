#!/usr/bin/env node
'use strict';

const { parseArgs } = require('node:util');
const {
	startSandbox,
	MOBILEPRONTO_DEMO_CREDENCIAL,
	MOBILEPRONTO_SERVICE_PATH,
	SMSEND_DEMO,
} = require('./index');

/**
 * `node sandbox/cli.js sms [text]` (`npm run sandbox:sms -- "Ciao"`): delivers an inbound SMS to
 * the smSend inbox of a sandbox that is already running (the one `npm start` or `npm run sandbox`
 * started), through its control API. The smSend Trigger and Inbox → Get Received Messages then
 * find it.
 */
async function sms(args) {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			port: { type: 'string', default: process.env.SANDBOX_PORT || '8085' },
			host: { type: 'string', default: '127.0.0.1' },
			from: { type: 'string', default: '+393471234567' },
			to: { type: 'string', default: SMSEND_DEMO.rcpt },
			sharecode: { type: 'string', default: SMSEND_DEMO.sharecode },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(
			'Usage: node sandbox/cli.js sms [text] [--from +393471234567] [--to +393400000000] [--sharecode 001] [--port 8085] [--host 127.0.0.1]',
		);
		return;
	}
	const text = positionals.join(' ') || 'Ciao! Is this working?';
	const url = `http://${values.host}:${values.port}/__sandbox/smsend/inbox`;
	let res;
	try {
		res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				rcpt: values.to,
				sharecode: values.sharecode,
				sender: values.from,
				text,
			}),
		});
	} catch (error) {
		throw new Error(
			`no sandbox answers on http://${values.host}:${values.port} (${error.cause?.code || error.message}): start it with npm start or npm run sandbox, or give its port with --port`,
		);
	}
	const body = await res.text();
	if (!res.ok) throw new Error(`the sandbox refused the SMS (HTTP ${res.status}): ${body}`);
	const message = JSON.parse(body);
	console.log(
		`SMS ${message.id} delivered to ${message.rcpt} (sharecode ${message.sharecode}) from ${message.sender}: ${JSON.stringify(message.text)}`,
	);
}

async function main() {
	if (process.argv[2] === 'sms') return sms(process.argv.slice(3));
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
		console.log(
			'       node sandbox/cli.js sms [text] [--from <number>] [--port 8085]  (an inbound SMS)',
		);
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`invalid --port ${values.port}`);
	const sandbox = await startSandbox({ port, host: values.host, seed: Number(values.seed) });

	console.log(`Gateway sandbox listening on ${sandbox.url}`);
	console.log('');
	console.log('MobilePronto');
	console.log(`  service:    POST ${sandbox.url}${MOBILEPRONTO_SERVICE_PATH}  (SOAP 1.1 and 1.2)`);
	console.log(`  credencial: ${MOBILEPRONTO_DEMO_CREDENCIAL}  (1000 credits)`);
	console.log('');
	console.log('smSend');
	console.log(
		`  HTTP API:    POST ${sandbox.url}/sms/{send,mnc,batch-status,credit}.php  (form-encoded; user/pass)`,
	);
	console.log(
		`  back office: POST ${sandbox.url}/backoffice/{client-add,client-status,credit-get,credit-add,recv-add,recv-del,userlog-get}.php`,
	);
	console.log(
		`  SOAP:        POST ${sandbox.url}/wsdl/index.php  (receiveSms)   POST ${sandbox.url}/sms-gw/index.php  (sendMms)`,
	);
	console.log(`  user/pass:   ${SMSEND_DEMO.user} / ${SMSEND_DEMO.pass}  (100 euro)`);
	console.log(
		`  back office: smsusername ${SMSEND_DEMO.smsusername} / smspassword ${SMSEND_DEMO.smspassword}`,
	);
	console.log(
		`  MMS:         id ${SMSEND_DEMO.mms.id} / password ${SMSEND_DEMO.mms.password}  (plain)`,
	);
	console.log(`  reception:   ${SMSEND_DEMO.rcpt}  sharecode ${SMSEND_DEMO.sharecode}`);
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
		'POST   /__sandbox/smsend/accounts          {"user":"u","pass":"p","credit":10}',
		'POST   /__sandbox/smsend/receptions        {"user":"demo","rcpt":"+393400000001","sharecode":"001"}',
		'POST   /__sandbox/smsend/inbox             {"rcpt":"+393400000000","sharecode":"001","sender":"+393471234567","text":"Ciao"}',
		'POST   /__sandbox/smsend/advance           {"times":1}',
		'POST   /__sandbox/smsend/force-failure     {"endpoint":"/sms/send.php","koText":"KO Impossibile accodare il/i messaggio/i."}',
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
