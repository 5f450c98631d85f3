'use strict';

/**
 * smSend accounts: the options an account is created with (checked, with a TypeError naming the
 * field), its public shape, the demo account, and the units credit and prices are kept in.
 */

const NUMBER = /^\+\d{8,15}$/;
const QUALITIES = ['ll', 'l', 'a', 'h', 'n'];
/** Price of one SMS part, in ten-thousandths of a euro. */
const PRICES = { ll: 350, l: 450, a: 550, h: 650, n: 750 };
const MMS_PRICE = 3700;
const DEMO = Object.freeze({
	user: 'demo',
	pass: 'demo-password',
	smsusername: 'reseller',
	smspassword: 'reseller-password',
	mms: Object.freeze({ id: 'C00000_001', password: 'mms-password', auth: 'plain' }),
	rcpt: '+393400000000',
	sharecode: '001',
});

const toUnits = (euro) => Math.round(euro * 10000);
const fromUnits = (units) => units / 10000;

function nonEmptyString(value, name) {
	if (typeof value !== 'string' || !value)
		throw new TypeError(`${name} must be a non-empty string`);
	return value;
}

function optionalString(value, name) {
	if (value === undefined || value === null) return null;
	return nonEmptyString(value, name);
}

function stringList(value, fallback, name) {
	if (value === undefined || value === null) return fallback;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
		throw new TypeError(`${name} must be an array of strings`);
	return [...value];
}

function idList(value, fallback, name) {
	if (value === undefined || value === null) return fallback;
	if (!Array.isArray(value) || value.some((v) => !Number.isInteger(v) || v < 0))
		throw new TypeError(`${name} must be an array of integers`);
	return [...value];
}

function nonNegative(value, fallback, name) {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value))
		throw new TypeError(`${name} must be a number >= 0`);
	return value;
}

function normaliseMms(mms) {
	if (mms === undefined || mms === null) return null;
	if (typeof mms !== 'object') throw new TypeError('mms must be an object');
	const auth = mms.auth === undefined ? 'plain' : mms.auth;
	if (auth !== 'plain' && auth !== 'md5') throw new TypeError("mms.auth must be 'plain' or 'md5'");
	const credit = nonNegative(mms.credit, 10000000, 'mms.credit');
	if (!Number.isInteger(credit))
		throw new TypeError('mms.credit must be an integer (ten-thousandths of a euro)');
	return {
		id: nonEmptyString(mms.id, 'mms.id'),
		password: nonEmptyString(mms.password, 'mms.password'),
		auth,
		credit,
	};
}

function normaliseAccount(options) {
	if (!options || typeof options !== 'object')
		throw new TypeError('account options must be an object');
	const reportLayout = options.reportLayout === undefined ? 'doc' : options.reportLayout;
	if (reportLayout !== 'doc' && reportLayout !== 'extended')
		throw new TypeError("reportLayout must be 'doc' or 'extended'");
	const autoAdvanceMs =
		options.autoAdvanceMs === undefined || options.autoAdvanceMs === null
			? null
			: options.autoAdvanceMs;
	if (autoAdvanceMs !== null && !(typeof autoAdvanceMs === 'number' && autoAdvanceMs > 0))
		throw new TypeError('autoAdvanceMs must be a number > 0');
	return {
		user: nonEmptyString(options.user, 'user'),
		pass: nonEmptyString(options.pass, 'pass'),
		creditUnits: toUnits(nonNegative(options.credit, 100, 'credit')),
		enabled: options.enabled === undefined ? true : Boolean(options.enabled),
		allowedIps:
			options.allowedIps === undefined || options.allowedIps === null
				? null
				: stringList(options.allowedIps, null, 'allowedIps'),
		reseller: Boolean(options.reseller),
		canCreateResellers:
			options.canCreateResellers === undefined ? true : Boolean(options.canCreateResellers),
		smsusername: optionalString(options.smsusername, 'smsusername'),
		smspassword: optionalString(options.smspassword, 'smspassword'),
		mms: normaliseMms(options.mms),
		reportLayout,
		unknownOperatorPrefixes: stringList(
			options.unknownOperatorPrefixes,
			[],
			'unknownOperatorPrefixes',
		),
		failingNumbers: stringList(options.failingNumbers, [], 'failingNumbers'),
		autoAdvanceMs,
		profileIds: idList(options.profileIds, [1, 2], 'profileIds'),
		tariffIds: idList(options.tariffIds, [1, 2, 3], 'tariffIds'),
	};
}

function publicAccount(account) {
	const { creditUnits, ...rest } = account;
	return {
		...rest,
		credit: fromUnits(creditUnits),
		allowedIps: rest.allowedIps && [...rest.allowedIps],
		mms: rest.mms && { ...rest.mms },
		unknownOperatorPrefixes: [...rest.unknownOperatorPrefixes],
		failingNumbers: [...rest.failingNumbers],
		profileIds: [...rest.profileIds],
		tariffIds: [...rest.tariffIds],
	};
}

module.exports = {
	NUMBER,
	QUALITIES,
	PRICES,
	MMS_PRICE,
	DEMO,
	toUnits,
	fromUnits,
	nonEmptyString,
	normaliseAccount,
	publicAccount,
};
