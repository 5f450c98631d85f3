'use strict';

const { isGsm7 } = require('../gsm7');
const { formatLocal } = require('../localtime');
const { NUMBER, QUALITIES, PRICES, fromUnits } = require('./smsend-accounts');

/** smSend HTTP API under /sms/: send.php, mnc.php, batch-status.php, credit.php. Handlers return the reply text. */

const TIME_ZONE = 'Europe/Rome';
const KO_USER = 'KO Accesso non consentito (utente non abilitato).';
const KO_IP = 'KO Accesso non consentito (IP non abilitato).';
const OPERATIONS = ['TEXT', 'WAPPUSH', 'UCS2', 'MULTITEXT', 'MULTIUCS2'];
// MULTIUCS2 is "concatenated UCS-2" without a documented cap; six parts like MULTITEXT (6 × 67).
const MAX_LENGTH = { TEXT: 160, WAPPUSH: 160, UCS2: 70, MULTITEXT: 918, MULTIUCS2: 402 };
const PART_LENGTH = { MULTITEXT: 153, MULTIUCS2: 67 };
const GSM_ONLY = new Set(['TEXT', 'MULTITEXT']);
const HIGH_QUALITY_ONLY = new Set(['UCS2', 'MULTITEXT', 'MULTIUCS2']);
const MAX_MNC_NUMBERS = 100;
const CREDIT_TYPES = { n: 'n', h: 'h', hqs: 'h', a: 'a', l: 'l', ll: 'll', lqs: 'll' };

const notSet = (name) => `KO Parametro ${name} non impostato.`;
const invalid = (name) => `KO Parametro ${name} non valido.`;
const isSet = (value) => value !== undefined && value !== '';
const formatEuro = (units) => fromUnits(units).toFixed(4);

function ipAllowed(account, ip) {
	if (!account.allowedIps) return true;
	const plain = String(ip || '').replace(/^::ffff:/, '');
	return account.allowedIps.includes(plain);
}

/** The account of user/pass, or { error } with the KO text of the document. */
function userAccount(store, user, pass, ip) {
	const account = isSet(user) ? store.accounts.get(user) : undefined;
	if (!account || account.pass !== pass || !account.enabled) return { error: KO_USER };
	if (!ipAllowed(account, ip)) return { error: KO_IP };
	return { account };
}

function firstMissing(fields, names) {
	const name = names.find((n) => !isSet(fields[n]));
	return name ? notSet(name) : null;
}

function checkSender(sender) {
	if (sender.startsWith('+')) return NUMBER.test(sender) ? null : invalid('sender');
	if (sender.length > 11) return 'KO Il parametro sender può contenere al massimo 11 caratteri.';
	return /^[A-Za-z0-9 ]+$/.test(sender) ? null : invalid('sender');
}

function parts(operation, data) {
	return PART_LENGTH[operation] ? Math.max(1, Math.ceil(data.length / PART_LENGTH[operation])) : 1;
}

function send(store, fields, client) {
	const auth = userAccount(store, fields.user, fields.pass, client.ip);
	if (auth.error) return auth.error;
	const { account } = auth;
	const missing = firstMissing(fields, ['rcpt', 'data', 'sender', 'qty']);
	if (missing) return missing;
	const { rcpt, data, sender, qty } = fields;
	const operation = isSet(fields.operation) ? fields.operation : 'TEXT';
	if (!NUMBER.test(rcpt)) return invalid('rcpt');
	if (!OPERATIONS.includes(operation)) return invalid('operation');
	if (!QUALITIES.includes(qty)) return invalid('qty');
	if (HIGH_QUALITY_ONLY.has(operation) && qty !== 'h' && qty !== 'n') return invalid('qty');
	const senderError = checkSender(sender);
	if (senderError) return senderError;
	let url = null;
	if (operation === 'WAPPUSH') {
		if (!isSet(fields.url)) return notSet('url');
		if (!/^https?:\/\/\S+$/i.test(fields.url)) return invalid('url');
		url = fields.url;
	}
	if (data.length > MAX_LENGTH[operation])
		return `KO Il parametro data può contenere al massimo ${MAX_LENGTH[operation]} caratteri.`;
	if (GSM_ONLY.has(operation) && !isGsm7(data)) return invalid('data');
	if (isSet(fields.return_id) && fields.return_id !== '0' && fields.return_id !== '1')
		return invalid('return_id');
	if (account.unknownOperatorPrefixes.some((prefix) => rcpt.startsWith(prefix)))
		return 'KO Operatore sconosciuto.';
	const count = parts(operation, data);
	const cost = count * PRICES[qty];
	if (account.creditUnits < cost) return 'KO Credito insufficiente.';

	account.creditUnits -= cost;
	const requestId = store.requestId();
	const at = store.now();
	store.sent.push({
		id: store.next('message'),
		requestId,
		user: account.user,
		rcpt,
		sender,
		data,
		qty,
		operation,
		url,
		parts: count,
		cost: fromUnits(cost),
		status: 'queued',
		steps: 0,
		at,
	});
	return fields.return_id === '1' ? `OK ${requestId}` : `OK ${formatEuro(cost)}`;
}

function mnc(store, fields, client) {
	const auth = userAccount(store, fields.user, fields.pass, client.ip);
	if (auth.error) return auth.error;
	const missing = firstMissing(fields, ['numbers']);
	if (missing) return missing;
	const numbers = fields.numbers.split(',').map((n) => n.trim());
	if (numbers.length > MAX_MNC_NUMBERS)
		return `KO Il parametro numbers può contenere al massimo ${MAX_MNC_NUMBERS} numeri.`;
	if (numbers.some((n) => !NUMBER.test(n))) return invalid('numbers');
	if (isSet(fields.return_id) && fields.return_id !== '0' && fields.return_id !== '1')
		return invalid('return_id');
	const requestId = store.requestId();
	store.mncRequests.push({
		requestId,
		user: auth.account.user,
		at: store.now(),
		steps: 0,
		numbers: numbers.map((dest) => {
			const operator = store.operatorOf(dest, auth.account);
			return { id: store.next('message'), dest, status: 'pending', operator };
		}),
	});
	return fields.return_id === '1' ? `OK ${requestId}` : 'OK';
}

const QUEUE = {
	queued: [100, 'Queued'],
	sent: [200, 'Sent'],
	delivered: [200, 'Sent'],
	failed: [302, 'Temporary failure'],
};
const NOTIFY = {
	queued: [100, 'Waiting'],
	sent: [100, 'Waiting'],
	delivered: [200, 'Delivered'],
	failed: [300, 'Unknown subscriber'],
};

function smsReport(account, messages, table) {
	const extended = account.reportLayout === 'extended';
	const header = extended
		? 'id,timestamp,dest,status,status_text,request_id'
		: 'id,dest,status,status_text';
	const rows = messages.map((m) => {
		const [code, text] = table[m.status];
		return extended
			? [m.id, formatLocal(m.at, TIME_ZONE), m.rcpt, code, text, m.requestId]
			: [m.id, m.rcpt, code, text];
	});
	return [header, ...rows.map((r) => r.join(','))];
}

function mncReport(account, request) {
	const extended = account.reportLayout === 'extended';
	const header = extended
		? 'id,timestamp,dest,status,netcode,status_text,request_id'
		: 'id,dest,status,netcode,status_text';
	const rows = request.numbers.map((n) => {
		const [code, netcode, text] =
			n.status === 'pending'
				? [100, null, 'Waiting']
				: n.status === 'unknown'
					? [300, null, 'Unknown subscriber']
					: [200, n.operator.netcode, n.operator.name];
		if (extended)
			return [
				n.id,
				formatLocal(request.at, TIME_ZONE),
				n.dest,
				code,
				netcode || '',
				text,
				request.requestId,
			];
		// As in the document: rows without a network code leave the column out, so they are shorter than the header.
		return netcode ? [n.id, n.dest, code, netcode, text] : [n.id, n.dest, code, text];
	});
	return [header, ...rows.map((r) => r.join(','))];
}

function batchStatus(store, fields, client) {
	const auth = userAccount(store, fields.user, fields.pass, client.ip);
	if (auth.error) return auth.error;
	const missing = firstMissing(fields, ['id', 'type', 'schema']);
	if (missing) return missing;
	const { id, type, schema } = fields;
	if (!['queue', 'notify', 'mnc'].includes(type)) return 'KO Parametro type non corretto.';
	if (schema !== '1') return 'KO Parametro schema non corretto.';
	store.refresh();
	const own = (item) => item.requestId === id && item.user === auth.account.user;
	let lines;
	if (type === 'mnc') {
		const request = store.mncRequests.find(own);
		if (!request) return 'KO Parametro id non corretto.';
		lines = mncReport(auth.account, request);
	} else {
		const messages = store.sent.filter(own);
		if (!messages.length) return 'KO Parametro id non corretto.';
		lines = smsReport(auth.account, messages, type === 'queue' ? QUEUE : NOTIFY);
	}
	return {
		report: lines.map((line) => line + '\n').join(''),
		contentType: 'text/csv; charset=utf-8',
	};
}

function credit(store, fields, client) {
	const auth = userAccount(store, fields.user, fields.pass, client.ip);
	if (auth.error) return auth.error;
	const type = isSet(fields.type) ? fields.type : 'credit';
	const units = auth.account.creditUnits;
	if (type === 'credit') return `OK ${formatEuro(units)}`;
	const quality = CREDIT_TYPES[type];
	if (!quality) return 'KO Parametro type non corretto.';
	return `OK ${Math.floor(units / PRICES[quality])}`;
}

module.exports = {
	send,
	mnc,
	'batch-status': batchStatus,
	credit,
	userAccount,
	formatEuro,
	TIME_ZONE,
};
