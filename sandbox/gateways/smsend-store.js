'use strict';

/** smSend gateway state: accounts, receptions and inboxes, sent SMS and MMS, MNC requests, back-office log. */

const {
	NUMBER,
	DEMO,
	nonEmptyString,
	normaliseAccount,
	publicAccount,
} = require('./smsend-accounts');

const DEFAULT_MNC_TABLE = [
	{ prefix: '+39320', netcode: '22201', name: 'TIM' },
	{ prefix: '+39333', netcode: '22201', name: 'TIM' },
	{ prefix: '+39340', netcode: '22210', name: 'Vodafone' },
	{ prefix: '+39347', netcode: '22210', name: 'Vodafone' },
	{ prefix: '+39388', netcode: '22288', name: 'WindTre' },
	{ prefix: '+39392', netcode: '22288', name: 'WindTre' },
];
const FIRST = { account: 1000, request: 111, message: 9182, inbox: 5678, mms: 1, creditOp: 1 };

/** Status of an SMS after `steps` advances. */
function smsStatus(steps, failing) {
	if (steps <= 0) return 'queued';
	if (steps === 1) return 'sent';
	return failing ? 'failed' : 'delivered';
}

function createStore({ now }) {
	const accounts = new Map();
	const receptions = [];
	const inbox = new Map(); // 'rcpt sharecode' -> messages
	const sent = [];
	const mms = [];
	const mncRequests = [];
	const clients = [];
	const userlog = [];
	const forced = new Map(); // operation -> { text, remaining }
	let mncTable = [];
	let serial = {};

	function reset() {
		accounts.clear();
		receptions.length = 0;
		inbox.clear();
		sent.length = 0;
		mms.length = 0;
		mncRequests.length = 0;
		clients.length = 0;
		userlog.length = 0;
		forced.clear();
		mncTable = DEFAULT_MNC_TABLE.map((row) => ({ ...row }));
		serial = { ...FIRST };
		addAccount({ ...DEMO, reseller: true, mms: { ...DEMO.mms } });
		addReception({ user: DEMO.user, rcpt: DEMO.rcpt, sharecode: DEMO.sharecode });
	}

	function next(kind) {
		return serial[kind]++;
	}

	/** Adds an account, or replaces the one with the same user (keeping its id). */
	function addAccount(options, extra = {}) {
		const account = normaliseAccount(options);
		const existing = accounts.get(account.user);
		account.id = existing ? existing.id : next('account');
		account.parent = existing ? existing.parent : extra.parent || null;
		accounts.set(account.user, account);
		return publicAccount(account);
	}

	const getAccount = (user) => (accounts.has(user) ? publicAccount(accounts.get(user)) : undefined);
	const findAccount = (predicate) => [...accounts.values()].find(predicate);

	function requireAccount(user) {
		const account = accounts.get(user);
		if (!account) throw new TypeError(`no smSend account ${JSON.stringify(user)}`);
		return account;
	}

	function addReception({ user, rcpt, sharecode } = {}) {
		requireAccount(user);
		if (typeof rcpt !== 'string' || !NUMBER.test(rcpt))
			throw new TypeError('rcpt must be a number like +393400000000');
		nonEmptyString(sharecode, 'sharecode');
		const existing = findReception(rcpt, sharecode);
		if (existing && existing.user !== user)
			throw new TypeError(`${rcpt}/${sharecode} belongs to ${existing.user}`);
		if (!existing) {
			receptions.push({ user, rcpt, sharecode });
			inbox.set(`${rcpt} ${sharecode}`, []);
		}
		return { user, rcpt, sharecode };
	}

	const findReception = (rcpt, sharecode) =>
		receptions.find((r) => r.rcpt === rcpt && r.sharecode === sharecode);

	function removeReception(reception) {
		receptions.splice(receptions.indexOf(reception), 1);
		inbox.delete(`${reception.rcpt} ${reception.sharecode}`);
	}

	function addInboxMessage({ rcpt, sharecode, sender, text, date, id } = {}) {
		const messages = inbox.get(`${rcpt} ${sharecode}`);
		if (!messages) throw new TypeError(`no reception ${rcpt}/${sharecode}; add it first`);
		nonEmptyString(sender, 'sender');
		if (typeof text !== 'string') throw new TypeError('text must be a string');
		const at = date === undefined || date === null ? now() : new Date(date).getTime();
		if (!Number.isFinite(at)) throw new TypeError('date must be a Date or an ISO date string');
		if (id !== undefined && id !== null && !(Number.isInteger(id) && id > 0))
			throw new TypeError('id must be a positive integer');
		const messageId = id == null ? next('inbox') : id;
		if (messageId >= serial.inbox) serial.inbox = messageId + 1;
		const message = { id: messageId, rcpt, sharecode, sender, text, date: new Date(at) };
		messages.push(message);
		return message;
	}

	const inboxOf = (rcpt, sharecode) => inbox.get(`${rcpt} ${sharecode}`) || [];

	/** Brings statuses up to date with explicit advances plus, per account, autoAdvanceMs elapsed. */
	function refresh() {
		const at = now();
		const autoSteps = (item) => {
			const account = accounts.get(item.user);
			return account && account.autoAdvanceMs
				? Math.floor((at - item.at) / account.autoAdvanceMs)
				: 0;
		};
		for (const message of sent) {
			const account = accounts.get(message.user);
			const failing = Boolean(account && account.failingNumbers.includes(message.rcpt));
			message.status = smsStatus(message.steps + autoSteps(message), failing);
		}
		for (const request of mncRequests) {
			const resolved = request.steps + autoSteps(request) > 0;
			for (const number of request.numbers)
				number.status = resolved ? (number.operator ? 'resolved' : 'unknown') : 'pending';
		}
	}

	function advance(times = 1) {
		if (!(Number.isInteger(times) && times > 0))
			throw new TypeError('times must be a positive integer');
		for (const message of sent) message.steps += times;
		for (const request of mncRequests) request.steps += times;
		refresh();
	}

	function operatorOf(number, account) {
		if (account.unknownOperatorPrefixes.some((p) => number.startsWith(p))) return null;
		const row = mncTable
			.filter((r) => number.startsWith(r.prefix))
			.sort((a, b) => b.prefix.length - a.prefix.length)[0];
		return row ? { netcode: row.netcode, name: row.name } : null;
	}

	/** Sets (or, with operator null, removes) the MNC answer for numbers starting with prefix. */
	function setMncOperator(prefix, operator) {
		nonEmptyString(prefix, 'prefix');
		mncTable = mncTable.filter((r) => r.prefix !== prefix);
		if (operator === null || operator === undefined) return;
		mncTable.push({
			prefix,
			netcode: nonEmptyString(operator.netcode, 'netcode'),
			name: nonEmptyString(operator.name, 'name'),
		});
	}

	const requestId = () => 'HTTP' + String(next('request')).padStart(11, '0');

	function forceFailure(operation, text, times) {
		nonEmptyString(operation, 'endpoint');
		if (text === null || text === undefined) {
			forced.delete(operation);
			return;
		}
		nonEmptyString(text, 'koText');
		if (times !== undefined && times !== null && !(Number.isInteger(times) && times > 0))
			throw new TypeError('times must be a positive integer');
		forced.set(operation, { text, remaining: times == null ? Infinity : times });
	}

	function takeForcedFailure(operation) {
		const entry = forced.get(operation);
		if (!entry) return null;
		entry.remaining -= 1;
		if (entry.remaining <= 0) forced.delete(operation);
		return entry.text;
	}

	function log(row) {
		userlog.push({ at: now(), ...row });
	}

	function state() {
		refresh();
		return {
			accounts: [...accounts.keys()].map(getAccount),
			clients: clients.map((c) => ({ ...c })),
			receptions: receptions.map((r) => ({
				...r,
				inbox: inboxOf(r.rcpt, r.sharecode).map((m) => ({ ...m })),
			})),
			sent: sent.map(({ steps, ...m }) => m),
			mms: [...mms],
			mncRequests: mncRequests.map(({ steps, ...r }) => ({
				...r,
				numbers: r.numbers.map((n) => ({ ...n })),
			})),
			userlog: [...userlog],
			mncTable: mncTable.map((r) => ({ ...r })),
			forcedFailures: [...forced].map(([endpoint, f]) => ({
				endpoint,
				text: f.text,
				remaining: f.remaining === Infinity ? null : f.remaining,
			})),
		};
	}

	reset();

	return {
		accounts,
		receptions,
		sent,
		mms,
		mncRequests,
		clients,
		userlog,
		now,
		reset,
		next,
		requestId,
		addAccount,
		getAccount,
		findAccount,
		addReception,
		findReception,
		removeReception,
		addInboxMessage,
		inboxOf,
		refresh,
		advance,
		operatorOf,
		setMncOperator,
		forceFailure,
		takeForcedFailure,
		log,
		state,
	};
}

module.exports = { createStore };
