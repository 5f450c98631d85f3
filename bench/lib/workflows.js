'use strict';
// The workflows of the bulk-send benchmark (bench/bulk-send.js): Webhook → Code (N recipients)
// → the node under test, and the message both nodes send.

/** The sandbox account both sides send with. */
const USER = 'bench';
const PASS = 'bench-password';

/** A POST webhook that answers once the workflow has run, with `responseData` of its last node. */
function webhookNode(webhookPath, responseData = 'noData') {
	return {
		id: 'a1',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: webhookPath,
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'lastNode',
			responseData,
		},
	};
}

/** The message both nodes send, as an n8n expression over the item's fields. */
const PERSONALISED = '=Ciao {{ $json.name }}, il tuo ordine {{ $json.order }} è partito.';
const CONSTANT = 'Offerta del giorno';

/** Recipient i: its number, name and order number (a number, as it would come from a shop). */
const phoneOf = (i) => `+39320${1000000 + i}`;
const recipientOf = (i) => ({ phone: phoneOf(i), name: `Cliente ${i}`, order: 500000 + i });
/** What n8n makes of PERSONALISED for recipient i. */
const personalisedText = (i) => {
	const { name, order } = recipientOf(i);
	return `Ciao ${name}, il tuo ordine ${order} è partito.`;
};

function generatorNode(n) {
	return {
		id: 'a2',
		name: 'Recipients',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			jsCode: `return Array.from({ length: ${n} }, (_, i) => ({ json: { phone: '+39320' + String(1000000 + i), name: 'Cliente ' + i, order: 500000 + i } }));`,
		},
	};
}

function chain(name, webhookPath, n, last) {
	return {
		name,
		nodes: [webhookNode(webhookPath), generatorNode(n), { ...last, id: 'a3', position: [400, 0] }],
		connections: {
			Webhook: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
			Recipients: { main: [[{ node: last.name, type: 'main', index: 0 }]] },
		},
	};
}

function smSendNode(credentialId, message, options) {
	return {
		name: 'smSend',
		type: 'n8n-nodes-mobilepronto-smsend.smSend',
		typeVersion: 1.1, // as a node added today: Smart Encoding and Credit Pre-Flight on
		parameters: {
			resource: 'sms',
			operation: 'send',
			recipient: '={{ $json.phone }}',
			sender: 'Bench',
			message,
			options,
		},
		credentials: { smSendApi: { id: credentialId, name: 'smSend bench' } },
	};
}

function httpRequestNode(sandboxUrl, message) {
	const field = (name, value) => ({ name, value });
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/sms/send.php`,
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: [
					field('user', USER),
					field('pass', PASS),
					field('rcpt', '={{ $json.phone }}'),
					field('data', message),
					field('sender', 'Bench'),
					field('qty', 'h'),
					field('operation', 'TEXT'),
					field('return_id', '1'),
				],
			},
			options: {},
		},
	};
}

/** The same chain ending in a node that does nothing: what n8n itself spends on N items. */
function noOpNode() {
	return { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

module.exports = {
	webhookNode,
	USER,
	PASS,
	PERSONALISED,
	CONSTANT,
	phoneOf,
	personalisedText,
	chain,
	smSendNode,
	httpRequestNode,
	noOpNode,
};
