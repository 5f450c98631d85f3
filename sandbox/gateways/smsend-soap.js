'use strict';

const crypto = require('node:crypto');
const { typed } = require('../nusoap');
const { formatLocal } = require('../localtime');
const { imageType, soundType, videoType, decodeBase64 } = require('../media');
const { NUMBER, MMS_PRICE } = require('./smsend-accounts');
const { userAccount, TIME_ZONE } = require('./smsend-sms');

/**
 * smSend NuSOAP web services. Each handler returns { ko: 'KO nnn text' } for a fault
 * or { partsXml } with the serialised return value.
 */

const MAX_MESSAGES = 100;
const MAX_MEDIA_BYTES = 100 * 1024;
const MAX_SUBJECT = 25;
const MAX_TEXT = 2400;

const SERVICES = {
	receiveSms: {
		namespace: 'urn:receiveSmswsdl',
		params: ['user', 'pass', 'rcpt', 'sharecode', 'messages'],
	},
	sendMms: {
		namespace: 'urn:sendMmswsdl',
		params: [
			'id',
			'password',
			'ticket',
			'subject',
			'text',
			'rcpt',
			'imagedata',
			'sounddata',
			'videodata',
		],
	},
};

function receiveSms(store, params, client) {
	const auth = userAccount(store, params.user ?? '', params.pass ?? '', client.ip);
	if (auth.error) return { ko: 'KO 101 not allowed' };
	if (!/^\d+$/.test(params.messages ?? '') || Number(params.messages) > MAX_MESSAGES)
		return { ko: 'KO 102 operation not permitted' };
	const reception = store.findReception(params.rcpt, params.sharecode);
	if (!reception || reception.user !== auth.account.user) return { ko: 'KO 104 not allowed' };
	const count = Number(params.messages);
	const newestFirst = [...store.inboxOf(reception.rcpt, reception.sharecode)].sort(
		(a, b) => b.date - a.date || b.id - a.id,
	);
	const items = newestFirst
		.slice(0, count)
		.map(
			(m) =>
				'<item xsi:type="tns:recvSms">' +
				typed('id', 'xsd:int', m.id) +
				typed('sender', 'xsd:string', m.sender) +
				typed('text', 'xsd:string', m.text) +
				typed('date', 'xsd:dateTime', formatLocal(m.date.getTime(), TIME_ZONE)) +
				'</item>',
		);
	return {
		partsXml: `<response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[${items.length}]">${items.join('')}</response>`,
	};
}

const md5 = (text) => crypto.createHash('md5').update(text, 'utf8').digest('hex');

function authenticatesMms(account, params) {
	const { id, password, ticket, subject, text, rcpt } = params;
	if (account.mms.auth === 'plain') return password === account.mms.password;
	return (
		ticket === md5([id, rcpt, subject, text, account.mms.password].map((v) => v ?? '').join(''))
	);
}

/** Checks one optional attachment; returns { media } or { ko }. */
function checkMedia(data, detect, errors) {
	if (data === null || data === '') return { media: null };
	const buffer = decodeBase64(data);
	const type = buffer && detect(buffer);
	if (!type) return { ko: errors.type };
	if (buffer.length > MAX_MEDIA_BYTES) return { ko: errors.size };
	return { media: { type, size: buffer.length } };
}

const MEDIA = [
	[
		'image',
		'imagedata',
		imageType,
		{
			type: 'KO 216 Image file type not supported',
			size: 'KO 215 Image file cannot be bigger than 100kB',
		},
	],
	[
		'sound',
		'sounddata',
		soundType,
		{ type: 'KO 218 Sound file type not supported', size: 'KO 217 Sound file bigger than 100kB' },
	],
	[
		'video',
		'videodata',
		videoType,
		{ type: 'KO 310 type unsupported', size: 'KO 310 type unsupported' },
	],
];

function sendMms(store, params) {
	const account = params.id ? store.findAccount((a) => a.mms && a.mms.id === params.id) : undefined;
	if (!account || !account.enabled) return { ko: 'KO 101 not allowed' };
	if (!authenticatesMms(account, params)) return { ko: 'KO 107 no auth suitable' };
	const subject = params.subject ?? '';
	const text = params.text ?? '';
	if (subject.length > MAX_SUBJECT || text.length > MAX_TEXT) return { ko: 'KO 124 text too long' };
	const rcpt = (params.rcpt ?? '').split(',').map((n) => n.trim());
	if (rcpt.some((n) => !NUMBER.test(n))) return { ko: 'KO 103 bad recipient' };
	const media = {};
	for (const [name, param, detect, errors] of MEDIA) {
		const checked = checkMedia(params[param], detect, errors);
		if (checked.ko) return { ko: checked.ko };
		media[name] = checked.media;
	}
	const cost = MMS_PRICE * rcpt.length;
	if (account.mms.credit < cost) return { ko: 'KO 211 quota_abs reached' };
	account.mms.credit -= cost;
	store.mms.push({
		id: store.next('mms'),
		mmsId: account.mms.id,
		user: account.user,
		rcpt,
		subject,
		text,
		...media,
		cost,
		at: store.now(),
	});
	return { partsXml: typed('response', 'xsd:int', cost) };
}

module.exports = { SERVICES, handlers: { receiveSms, sendMms } };
