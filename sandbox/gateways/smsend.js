'use strict';

const soap = require('../soap');
const nusoap = require('../nusoap');
const { parseForm } = require('../form');
const { parseContentType, decodeBody } = require('../encoding');
const { DEMO } = require('./smsend-accounts');
const { createStore } = require('./smsend-store');
const sms = require('./smsend-sms');
const backoffice = require('./smsend-backoffice');
const { SERVICES, handlers: soapHandlers } = require('./smsend-soap');

/** smSend (Italy): PHP HTTP API (form POST, OK/KO text) plus NuSOAP web services, as at app.smsend.it. */

const HTTP_ENDPOINTS = {
	'/sms/send.php': 'send',
	'/sms/mnc.php': 'mnc',
	'/sms/batch-status.php': 'batch-status',
	'/sms/credit.php': 'credit',
	'/backoffice/client-add.php': 'client-add',
	'/backoffice/client-status.php': 'client-status',
	'/backoffice/credit-get.php': 'credit-get',
	'/backoffice/credit-add.php': 'credit-add',
	'/backoffice/recv-add.php': 'recv-add',
	'/backoffice/recv-del.php': 'recv-del',
	'/backoffice/userlog-get.php': 'userlog-get',
};
const HTTP_HANDLERS = { ...sms, ...backoffice };
const SOAP_ENDPOINTS = {
	'/wsdl/index.php': 'receiveSms',
	'/wsdl/': 'receiveSms',
	'/sms-gw/index.php': 'sendMms',
	'/sms-gw/': 'sendMms',
};
const OPERATION_PATHS = Object.fromEntries(
	[...Object.entries(HTTP_ENDPOINTS), ...Object.entries(SOAP_ENDPOINTS)]
		.reverse()
		.map(([path, operation]) => [operation, path]),
);
const KO_PARAMS = 'KO Parametri non corretti.';
const SAMPLE_TEXT = {
	send: 'OK 0.0650',
	'batch-status': 'id,dest,status,status_text\n',
	'userlog-get': 'date\tu_id\ttype\tvalue\tnote\r\n',
};

function textReply(text, contentType = 'text/plain; charset=utf-8') {
	return { status: 200, contentType, body: text, resultCode: text.startsWith('KO') ? text : 'OK' };
}

function apacheNotFound(path) {
	return {
		status: 404,
		contentType: 'text/html; charset=iso-8859-1',
		body:
			'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n' +
			`<h1>Not Found</h1>\n<p>The requested URL ${soap.escapeXml(path)} was not found on this server.</p>\n</body></html>\n`,
	};
}

/** A request answered the same way whether or not it is "executed". */
function fixed(reply, extra = {}) {
	return { operation: null, params: null, ...extra, execute: () => reply, sample: () => reply };
}

/** Creates the smSend gateway module. */
function createSmSend({ now }) {
	const store = createStore({ now });

	function forcedReply(operation) {
		const text = store.takeForcedFailure(operation);
		if (text === null) return null;
		if (!SOAP_ENDPOINTS[OPERATION_PATHS[operation]]) return textReply(text);
		return nusoap.faultReply(SERVICES[operation].namespace, ...splitKo(text));
	}

	function prepareHttp(ctx, operation) {
		const form = ctx.method === 'POST' ? parseForm(ctx.body, ctx.headers['content-type']) : null;
		if (!form) return fixed(textReply(KO_PARAMS), { operation });
		const client = { ip: ctx.remoteAddress };
		return {
			operation,
			params: form,
			execute: () => {
				const forced = forcedReply(operation);
				if (forced) return forced;
				const result = HTTP_HANDLERS[operation](store, form, client);
				return typeof result === 'string'
					? textReply(result)
					: textReply(result.report, result.contentType);
			},
			sample: () => textReply(SAMPLE_TEXT[operation] || 'OK'),
		};
	}

	function clientFault(namespace, message, operation) {
		return fixed(nusoap.faultReply(namespace, 'SOAP-ENV:Client', message), {
			operation,
			soap: true,
		});
	}

	function prepareSoap(ctx, operation) {
		const service = SERVICES[operation];
		if (ctx.method !== 'POST') return fixed(servicePage(operation), { operation });
		const xml = decodeBody(ctx.body, parseContentType(ctx.headers['content-type']).params);
		if (xml === null)
			return clientFault(
				service.namespace,
				'error in msg parsing:\nunsupported charset',
				operation,
			);
		let parsed;
		try {
			parsed = soap.parseEnvelope(xml);
		} catch (error) {
			if (!(error instanceof soap.XmlReadError)) throw error;
			return clientFault(
				service.namespace,
				`error in msg parsing:\nXML error parsing SOAP payload on line ${error.line || 1}: ${error.message}`,
				operation,
			);
		}
		if (parsed.version !== '1.1' || parsed.envelope.local !== 'Envelope' || !parsed.body) {
			return clientFault(
				service.namespace,
				'error in msg parsing:\nnot a SOAP 1.1 envelope',
				operation,
			);
		}
		const element = parsed.body.children[0];
		if (!element || element.local !== operation) {
			const name = element ? element.local : '';
			return clientFault(
				service.namespace,
				`Operation '${name}' is not defined in the WSDL for this service`,
				operation,
			);
		}
		const params = nusoap.readParams(element, service.params);
		const client = { ip: ctx.remoteAddress };
		const toReply = (result) =>
			result.ko
				? nusoap.faultReply(service.namespace, ...splitKo(result.ko))
				: {
						...nusoap.responseReply(service.namespace, operation, result.partsXml),
						resultCode: 'OK',
					};
		return {
			operation,
			params,
			soap: true,
			execute: () =>
				forcedReply(operation) || toReply(soapHandlers[operation](store, params, client)),
			sample: () =>
				toReply(
					operation === 'sendMms'
						? { partsXml: nusoap.typed('response', 'xsd:int', 3700) }
						: { partsXml: '' },
				),
		};
	}

	function splitKo(text) {
		const [, code, message] = /^(KO \d+)\s*(.*)$/.exec(text);
		return [code, message];
	}

	function servicePage(operation) {
		const { namespace } = SERVICES[operation];
		return {
			status: 200,
			contentType: 'text/html; charset=ISO-8859-1',
			body: `<html><head><title>${namespace}</title></head><body><p>View the <a href="?wsdl">WSDL</a> for the service.</p><ul><li>${operation}</li></ul></body></html>`,
		};
	}

	function prepare(ctx) {
		if (HTTP_ENDPOINTS[ctx.path]) return prepareHttp(ctx, HTTP_ENDPOINTS[ctx.path]);
		if (SOAP_ENDPOINTS[ctx.path]) return prepareSoap(ctx, SOAP_ENDPOINTS[ctx.path]);
		return fixed(apacheNotFound(ctx.path));
	}

	/** smSend-shaped damaged replies: empty or cut replies keep the endpoint's content type. */
	function faultBody(kind, { prepared, reply, fault }) {
		// The gateway's own refusal of a request it did not process (a transient internal failure).
		if (kind === 'gateway-error' && prepared.soap && SERVICES[prepared.operation])
			return nusoap.faultReply(
				SERVICES[prepared.operation].namespace,
				...splitKo(fault.text || 'KO 300 System (Internal Error)'),
			);
		if (kind === 'gateway-error' && prepared.operation)
			return textReply(fault.text || 'KO Errore interno.');
		const base = reply || prepared.sample();
		if (kind === 'empty') return { status: 200, contentType: base.contentType, body: '' };
		if (kind === 'malformed')
			return {
				status: base.status,
				contentType: base.contentType,
				body: base.body.slice(0, Math.floor(base.body.length / 2)),
			};
		if (kind === 'unexpected-xml' && prepared.soap) {
			return {
				status: 200,
				contentType: nusoap.CONTENT_TYPE,
				body: nusoap.envelope(
					'urn:maintenance',
					'<ns1:maintenance xmlns:ns1="urn:maintenance"><status xsi:type="xsd:string">Service under maintenance</status></ns1:maintenance>',
				),
			};
		}
		return undefined;
	}

	function forceFailure(endpoint, koText, times) {
		const operation = HTTP_ENDPOINTS[endpoint] || SOAP_ENDPOINTS[endpoint] || endpoint;
		if (!OPERATION_PATHS[operation])
			throw new TypeError(`unknown smSend endpoint ${JSON.stringify(endpoint)}`);
		if (SOAP_ENDPOINTS[OPERATION_PATHS[operation]] && koText != null && !/^KO \d+/.test(koText)) {
			throw new TypeError("a SOAP failure must look like 'KO nnn text'");
		}
		store.forceFailure(operation, koText, times);
	}

	function addInboxMessage(options = {}) {
		return store.addInboxMessage(options);
	}

	const requireObject = (body) => {
		if (!body || typeof body !== 'object') throw new TypeError('body must be a JSON object');
		return body;
	};

	return {
		name: 'smsend',
		stateKey: 'smSend',
		// /sms/ is shared with MobilePronto's /sms/v_2_00/service.asmx: only PHP scripts there are smSend's.
		owns: (path) => /^\/(backoffice|wsdl|sms-gw)\//.test(path) || /^\/sms\/[^/]*\.php$/.test(path),
		prepare,
		faultBody,
		reset: store.reset,
		state: store.state,
		control: {
			'POST accounts': (body) => store.addAccount(requireObject(body)),
			'POST receptions': (body) => store.addReception(requireObject(body)),
			'POST inbox': (body) => {
				const message = addInboxMessage(requireObject(body));
				return { ...message, date: message.date.toISOString() };
			},
			'POST advance': (body) => {
				store.advance(body && body.times !== undefined ? body.times : 1);
				return { ok: true };
			},
			'POST force-failure': (body) => {
				requireObject(body);
				forceFailure(body.endpoint, body.koText, body.times);
				return { ok: true };
			},
		},
		api: {
			addAccount: (options) => store.addAccount(options),
			getAccount: store.getAccount,
			addReception: store.addReception,
			addInboxMessage,
			advance: (times = 1) => store.advance(times),
			forceFailure,
			setMncOperator: store.setMncOperator,
			get sent() {
				store.refresh();
				return store.sent;
			},
			get mms() {
				return store.mms;
			},
			get clients() {
				return store.clients;
			},
			get mncRequests() {
				store.refresh();
				return store.mncRequests;
			},
		},
	};
}

module.exports = { createSmSend, DEMO, HTTP_ENDPOINTS, SOAP_ENDPOINTS };
