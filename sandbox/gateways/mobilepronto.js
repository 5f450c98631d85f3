'use strict';

const soap = require('../soap');
const pages = require('../pages');
const { NAMESPACE, prepareSoap, fixed, helpPage, operationReply } = require('./mobilepronto-soap');

const SERVICE_PATH = '/sms/v_2_00/service.asmx';
const DEMO_CREDENCIAL = 'SANDBOX' + '0'.repeat(32) + '1'; // 40 characters, like a real Credencial
const MOBILE_FORMAT = /^\+(\d{1,3})\((\d{1,4})\)(\d{4,12})$/;
const MAX_MESSAGE_LENGTH = 160;

function normaliseAccount(options) {
	if (!options || typeof options.credencial !== 'string' || options.credencial.length !== 40) {
		throw new TypeError('credencial must be a string of exactly 40 characters');
	}
	const limit = (value, name) => {
		if (value === undefined || value === null) return Infinity;
		if (typeof value !== 'number' || !(value >= 0))
			throw new TypeError(`${name} must be a number >= 0`);
		return value;
	};
	const list = (value, fallback, name) => {
		if (value === undefined || value === null) return fallback;
		if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
			throw new TypeError(`${name} must be an array of strings`);
		return [...value];
	};
	const credits = options.credits === undefined ? 1000 : options.credits;
	if (typeof credits !== 'number' || !Number.isInteger(credits) || credits < 0)
		throw new TypeError('credits must be an integer >= 0');
	return {
		credencial: options.credencial,
		credits,
		blocked: Boolean(options.blocked),
		returnsMessageId: Boolean(options.returnsMessageId),
		dailyLimit: limit(options.dailyLimit, 'dailyLimit'),
		ratePerMinute: limit(options.ratePerMinute, 'ratePerMinute'),
		deniedOperatorPrefixes: list(options.deniedOperatorPrefixes, [], 'deniedOperatorPrefixes'),
		countries: list(options.countries, ['55'], 'countries'),
		sentToday: 0,
		day: '',
		recentSends: [],
	};
}

function publicAccount(account) {
	const { day, recentSends, ...rest } = account;
	return {
		...rest,
		deniedOperatorPrefixes: [...rest.deniedOperatorPrefixes],
		countries: [...rest.countries],
	};
}

/** Creates the MobilePronto gateway module (ASP.NET .asmx SOAP service, v_2_00). */
function createMobilePronto({ now }) {
	const accounts = new Map();
	const blacklisted = new Set();
	const forced = new Map();
	const sent = [];
	let messageSerial = 236180474;

	function reset() {
		accounts.clear();
		blacklisted.clear();
		forced.clear();
		sent.length = 0;
		addAccount({ credencial: DEMO_CREDENCIAL });
	}

	function addAccount(options) {
		const account = normaliseAccount(options);
		accounts.set(account.credencial, account);
		return publicAccount(account);
	}

	function rollDay(account) {
		const today = new Date(now()).toISOString().slice(0, 10);
		if (account.day !== today) {
			account.day = today;
			account.sentToday = 0;
		}
	}

	function getAccount(credencial) {
		const account = accounts.get(credencial);
		if (!account) return undefined;
		rollDay(account);
		return publicAccount(account);
	}

	function updateAccount(credencial, patch) {
		const account = accounts.get(credencial);
		if (!account) throw new Error(`no account ${credencial}`);
		const merged = normaliseAccount({ ...publicAccount(account), ...patch, credencial });
		Object.assign(account, {
			...merged,
			sentToday: account.sentToday,
			day: account.day,
			recentSends: account.recentSends,
		});
		return publicAccount(account);
	}

	function blacklist(mobile) {
		if (typeof mobile !== 'string' || !mobile)
			throw new TypeError('mobile must be a non-empty string');
		blacklisted.add(mobile);
	}

	function forceCode(mobile, code, times) {
		if (typeof mobile !== 'string' || !mobile)
			throw new TypeError('mobile must be a non-empty string');
		if (code === null || code === undefined) {
			forced.delete(mobile);
			return;
		}
		if (typeof code !== 'string' || !code) throw new TypeError('code must be a non-empty string');
		if (times !== undefined && times !== null && !(Number.isInteger(times) && times > 0)) {
			throw new TypeError('times must be a positive integer');
		}
		forced.set(mobile, { code, remaining: times == null ? Infinity : times });
	}

	function takeForcedCode(mobile) {
		const entry = forced.get(mobile);
		if (!entry) return null;
		entry.remaining -= 1;
		if (entry.remaining <= 0) forced.delete(mobile);
		return entry.code;
	}

	/** Validates a send in the gateway's order; returns the return code (without id). */
	function checkSend(account, mobile, message, at) {
		if (!account) return '001';
		if (account.blocked) return '010';
		const parts = MOBILE_FORMAT.exec(mobile);
		if (!parts) return '005';
		const [, country, area, subscriber] = parts;
		if (!account.countries.includes(country)) return '015';
		if (country === '55') {
			if (area.length !== 2) return '016';
			// Brazilian DDDs never contain a 0; mobiles have 9 digits starting with 9 (8 digits = landline).
			if (area.includes('0') || !/^9\d{8}$/.test(subscriber)) return '012';
		}
		if (account.deniedOperatorPrefixes.some((prefix) => mobile.startsWith(prefix))) return '017';
		if (blacklisted.has(mobile)) return '018';
		if (!message.trim()) return '013';
		if (message.length > MAX_MESSAGE_LENGTH) return '008';
		const forcedCode = takeForcedCode(mobile);
		if (forcedCode !== null) return forcedCode;
		if (account.credits < 1) return '009';
		rollDay(account);
		if (account.sentToday >= account.dailyLimit) return '022';
		account.recentSends = account.recentSends.filter((t) => t > at - 60_000);
		if (account.recentSends.length >= account.ratePerMinute) return '900';
		return '000';
	}

	function sendSms(params, version) {
		const credencial = params.Credencial || '';
		const mobile = params.Mobile || '';
		const message = params.Message || '';
		const at = now();
		const account = credencial.length === 40 ? accounts.get(credencial) : undefined;
		const code = checkSend(account, mobile, message, at);
		if (code !== '000') return code;
		account.credits -= 1;
		account.sentToday += 1;
		account.recentSends.push(at);
		const id = 'MPG' + String(messageSerial++).padStart(12, '0');
		sent.push({ id, credencial, mobile, message, soapVersion: version, at });
		return account.returnsMessageId ? `000:${id}` : '000';
	}

	function credits(params) {
		const credencial = params.Credencial || '';
		const account = credencial.length === 40 ? accounts.get(credencial) : undefined;
		if (!account) return { balance: '-1', status: '001' };
		if (account.blocked) return { balance: '-1', status: '010' };
		return { balance: String(account.credits), status: '000' };
	}

	function prepare(ctx) {
		const path = ctx.path.toLowerCase(); // IIS paths are case-insensitive
		if (path.startsWith(SERVICE_PATH + '/')) {
			const tail = ctx.path.slice(SERVICE_PATH.length);
			return fixed(
				pages.aspNetError(
					500,
					'Request format is unrecognized',
					`Request format is unrecognized for URL unexpectedly ending in '${tail}'.`,
				),
			);
		}
		if (path !== SERVICE_PATH) return fixed(pages.iisNotFound());
		if (ctx.method === 'GET' || ctx.method === 'HEAD') return fixed(helpPage());
		if (ctx.method !== 'POST') return fixed(pages.iisMethodNotAllowed('GET, HEAD, POST'));
		return prepareSoap(ctx, { sendSms, credits });
	}

	function faultBody(kind, { prepared, fault }) {
		const version = prepared.soapVersion || '1.1';
		// The gateway's own refusal, as for an internal failure (800–899): nothing was sent.
		if (kind === 'gateway-error' && prepared.operation === 'MPG_Credits')
			return operationReply(version, 'MPG_Credits', { balance: '-1', status: fault.code || '801' });
		if (kind === 'gateway-error' && prepared.operation)
			return operationReply(version, prepared.operation, fault.code || '801');
		if (kind !== 'unexpected-xml') return undefined;
		return {
			status: 200,
			contentType: soap.contentTypeFor(version),
			body: soap.soapEnvelope(
				version,
				`<MPG_Maintenance xmlns="${NAMESPACE}"><Status>Service under maintenance</Status></MPG_Maintenance>`,
			),
		};
	}

	const requireMobile = (body) => {
		if (!body || typeof body.mobile !== 'string')
			throw new TypeError('body.mobile must be a string');
		return body.mobile;
	};

	reset();

	return {
		name: 'mobilepronto',
		stateKey: 'mobilePronto',
		owns: (path) => path.toLowerCase().startsWith('/sms/v_2_00/'),
		prepare,
		faultBody,
		reset,
		state: () => ({
			accounts: [...accounts.keys()].map(getAccount),
			sent: [...sent],
			blacklist: [...blacklisted],
			forcedCodes: [...forced].map(([mobile, f]) => ({
				mobile,
				code: f.code,
				remaining: f.remaining === Infinity ? null : f.remaining,
			})),
		}),
		control: {
			'POST accounts': (body) => addAccount(body),
			'POST blacklist': (body) => {
				blacklist(requireMobile(body));
				return { ok: true };
			},
			'POST force-code': (body) => {
				forceCode(requireMobile(body), body.code, body.times);
				return { ok: true };
			},
		},
		api: {
			addAccount,
			getAccount,
			updateAccount,
			blacklist,
			forceCode,
			get sent() {
				return sent;
			},
		},
	};
}

module.exports = { createMobilePronto, DEMO_CREDENCIAL, SERVICE_PATH, NAMESPACE };
