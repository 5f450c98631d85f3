'use strict';

const { formatLocal } = require('../localtime');
const { NUMBER, toUnits } = require('./smsend-accounts');
const { formatEuro, TIME_ZONE } = require('./smsend-sms');

/** smSend reseller back office under /backoffice/. Handlers return the reply text. */

const MAX_SHARECODES = 20;
const LOG_TYPES = ['credits', 'recv_add', 'recv_del'];
const KO_PARAMS = 'KO Parametri non corretti.';
const KO_USER_NOT_FOUND = 'KO Utente non trovato.';

const isSet = (value) => value !== undefined && value !== '';

/** Runs handler with the reseller account logged in by smsusername/smspassword, or answers the login error. */
function asReseller(handler) {
	return (store, fields, client) => {
		const { smsusername, smspassword } = fields;
		const account =
			isSet(smsusername) && isSet(smspassword)
				? store.findAccount((a) => a.smsusername === smsusername && a.smspassword === smspassword)
				: undefined;
		if (!account) return 'KO Username o password errati.';
		const ip = String(client.ip || '').replace(/^::ffff:/, '');
		if (
			!account.reseller ||
			!account.enabled ||
			(account.allowedIps && !account.allowedIps.includes(ip))
		) {
			return 'KO Accesso non consentito.';
		}
		return handler(store, fields, account);
	};
}

/** First required field that is missing, as the document words it. */
function missing(fields, names, wording = {}) {
	const name = names.find((n) => !isSet(fields[n]));
	if (!name) return null;
	return wording[name] || `KO Parametro ${name} non impostato.`;
}

/** The reseller's client with u_id, or undefined. */
function clientOf(store, reseller, uId) {
	if (!/^\d+$/.test(uId)) return undefined;
	const client = store.clients.find((c) => c.id === Number(uId) && c.parent === reseller.user);
	return client && store.accounts.get(client.username);
}

function clientAdd(store, fields, reseller) {
	// The document prints this one without the final full stop.
	const absent = missing(fields, ['name', 'username', 'password'], {
		password: 'KO Parametro password non impostato',
	});
	if (absent) return absent;
	const wantsReseller = isSet(fields.reseller) ? fields.reseller : '1';
	if (wantsReseller !== '0' && wantsReseller !== '1') return KO_PARAMS;
	if (wantsReseller === '1' && !reseller.canCreateResellers)
		return 'KO Impossibile creare un rivenditore.';
	let tplId = reseller.profileIds[0];
	if (isSet(fields.tpl_id)) {
		if (!/^\d+$/.test(fields.tpl_id) || !reseller.profileIds.includes(Number(fields.tpl_id)))
			return 'KO Profilo non corretto.';
		tplId = Number(fields.tpl_id);
	}
	if (store.accounts.has(fields.username)) return 'KO Username già esistente.';
	const isReseller = wantsReseller === '1';
	const account = store.addAccount(
		{
			user: fields.username,
			pass: fields.password,
			credit: 0,
			reseller: isReseller,
			canCreateResellers: isReseller,
			// A reseller client logs in to the back office with its panel credentials.
			smsusername: isReseller ? fields.username : undefined,
			smspassword: isReseller ? fields.password : undefined,
		},
		{ parent: reseller.user },
	);
	store.clients.push({
		id: account.id,
		parent: reseller.user,
		name: fields.name,
		username: fields.username,
		password: fields.password,
		email: fields.email ?? null,
		tplId,
		contact: fields.contact ?? null,
		refId: fields.ref_id ?? null,
		reseller: isReseller,
		vhost: fields.vhost ?? null,
		active: true,
		at: store.now(),
	});
	return `OK ${account.id}`;
}

function clientStatus(store, fields, reseller) {
	const absent = missing(fields, ['u_id', 'active']);
	if (absent) return absent;
	if (fields.active !== '0' && fields.active !== '1') return KO_PARAMS;
	const account = clientOf(store, reseller, fields.u_id);
	if (!account) return KO_USER_NOT_FOUND;
	const active = fields.active === '1';
	account.enabled = active;
	store.clients.find((c) => c.id === account.id).active = active;
	return active ? 'OK Attivato' : 'OK Disattivato';
}

function creditGet(store, fields, reseller) {
	const absent = missing(fields, ['u_id']);
	if (absent) return absent;
	const account = clientOf(store, reseller, fields.u_id);
	if (!account) return KO_USER_NOT_FOUND;
	return `OK ${formatEuro(account.creditUnits)}`;
}

function creditAdd(store, fields, reseller) {
	const absent = missing(fields, ['u_id', 'bill_id']);
	if (absent) return absent;
	const account = clientOf(store, reseller, fields.u_id);
	if (!account) return KO_USER_NOT_FOUND;
	if (!/^\d+$/.test(fields.bill_id) || !reseller.tariffIds.includes(Number(fields.bill_id)))
		return 'KO Tariffa non corretta.';
	let units = 0;
	if (isSet(fields.credit)) {
		if (!/^\d+([.,]\d{1,4})?$/.test(fields.credit)) return 'KO Parametro credit non corretto.';
		units = toUnits(Number(fields.credit.replace(',', '.')));
	}
	account.creditUnits += units;
	const opId = store.next('creditOp');
	store.log({
		u_id: account.id,
		type: 'credits',
		value: formatEuro(units),
		note: `bill_id=${fields.bill_id} id=${opId}`,
		reseller: reseller.user,
	});
	return `OK ${opId}`;
}

function recvAdd(store, fields, reseller) {
	const absent = missing(fields, ['u_id', 'dest']);
	if (absent) return absent;
	const account = clientOf(store, reseller, fields.u_id);
	if (!account) return KO_USER_NOT_FOUND;
	if (!NUMBER.test(fields.dest)) return 'KO Numero di ricezione non corretto.';
	let num = 1;
	if (isSet(fields.num)) {
		if (!/^\d+$/.test(fields.num) || Number(fields.num) < 1)
			return 'KO Parametro num non corretto.';
		num = Number(fields.num);
		if (num > MAX_SHARECODES) return `KO Il parametro num deve essere <= ${MAX_SHARECODES}.`;
	}
	const taken = new Set(
		store.receptions.filter((r) => r.rcpt === fields.dest).map((r) => r.sharecode),
	);
	const codes = [];
	for (let n = 1; n <= 999 && codes.length < num; n++) {
		const code = String(n).padStart(3, '0');
		if (!taken.has(code)) codes.push(code);
	}
	if (codes.length < num) return 'KO Errore nella creazione.';
	for (const sharecode of codes)
		store.addReception({ user: account.user, rcpt: fields.dest, sharecode });
	store.log({
		u_id: account.id,
		type: 'recv_add',
		value: fields.dest,
		note: codes.join(','),
		reseller: reseller.user,
	});
	return `OK ${codes.join(',')}`;
}

function recvDel(store, fields, reseller) {
	const absent = missing(fields, ['u_id', 'dest', 'sharecode']);
	if (absent) return absent;
	const account = clientOf(store, reseller, fields.u_id);
	if (!account) return KO_USER_NOT_FOUND;
	const reception = store.findReception(fields.dest, fields.sharecode);
	// The document's text uses a typographic apostrophe.
	if (!reception || reception.user !== account.user)
		return 'KO Sharecode non associato all\u2019utente specificato.';
	store.removeReception(reception);
	store.log({
		u_id: account.id,
		type: 'recv_del',
		value: fields.dest,
		note: fields.sharecode,
		reseller: reseller.user,
	});
	return 'OK';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function userlogGet(store, fields, reseller) {
	const absent = missing(fields, ['type']);
	if (absent) return absent;
	const { type, u_id: uId, from, to } = fields;
	if (!LOG_TYPES.includes(type)) return KO_PARAMS;
	if (
		(isSet(uId) && !/^\d+$/.test(uId)) ||
		(isSet(from) && !DATE.test(from)) ||
		(isSet(to) && !DATE.test(to))
	)
		return KO_PARAMS;
	const rows = store.userlog
		.map((row) => ({ ...row, date: formatLocal(row.at, TIME_ZONE) }))
		.filter((row) => row.reseller === reseller.user && row.type === type)
		.filter((row) => !isSet(uId) || row.u_id === Number(uId))
		.filter((row) => !isSet(from) || row.date.slice(0, 10) >= from)
		.filter((row) => !isSet(to) || row.date.slice(0, 10) <= to)
		.map((row) => [row.date, row.u_id, row.type, row.value, row.note].join('\t'));
	return {
		report: ['date\tu_id\ttype\tvalue\tnote', ...rows].map((line) => line + '\r\n').join(''),
		contentType: 'text/plain; charset=utf-8',
	};
}

module.exports = {
	'client-add': asReseller(clientAdd),
	'client-status': asReseller(clientStatus),
	'credit-get': asReseller(creditGet),
	'credit-add': asReseller(creditAdd),
	'recv-add': asReseller(recvAdd),
	'recv-del': asReseller(recvDel),
	'userlog-get': asReseller(userlogGet),
};
