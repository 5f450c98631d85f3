'use strict';
/**
 * The MobilePronto service's SOAP side (ASP.NET .asmx, SOAP 1.1 and 1.2): reading a request into
 * an operation and its fields, the replies and faults, and the service's help page. The account
 * logic behind the two operations is in mobilepronto.js.
 */
const soap = require('../soap');
const pages = require('../pages');
const { parseContentType, decodeBody } = require('../encoding');

const NAMESPACE = 'PWGateway';

const OPERATIONS = {
	MPG_SendSimple_SMS: { fields: ['Credencial', 'Mobile', 'Message'] },
	MPG_Credits: { fields: ['Credencial'] },
};

function operationReply(version, operation, result) {
	let inner;
	if (operation === 'MPG_Credits') {
		inner =
			`<MPG_CreditsResponse xmlns="${NAMESPACE}"><MPG_CreditsResult>${soap.escapeXml(result.balance)}</MPG_CreditsResult>` +
			`<v_st_Status>${soap.escapeXml(result.status)}</v_st_Status></MPG_CreditsResponse>`;
	} else {
		inner = `<${operation}Response xmlns="${NAMESPACE}"><${operation}Result>${soap.escapeXml(result)}</${operation}Result></${operation}Response>`;
	}
	return {
		status: 200,
		contentType: soap.contentTypeFor(version),
		body: soap.soapEnvelope(version, inner),
		resultCode: operation === 'MPG_Credits' ? result.status : result.slice(0, 3),
	};
}

function faultReply(version, code, message) {
	return {
		status: 500,
		contentType: soap.contentTypeFor(version),
		body: soap.soapFault(version, code, message),
		error: message,
	};
}

const unreadable = (detail) => `Server was unable to read request. ---> ${detail}`;

/** A request that needs no processing: the same reply whether or not it is "executed". */
function fixed(reply, extra = {}) {
	return { operation: null, params: null, ...extra, execute: () => reply, sample: () => reply };
}

function operationForAction(action) {
	const name = action.startsWith(NAMESPACE + '/') ? action.slice(NAMESPACE.length + 1) : null;
	return name && Object.prototype.hasOwnProperty.call(OPERATIONS, name) ? name : null;
}

function readFields(element, operation) {
	const params = {};
	for (const field of OPERATIONS[operation].fields) {
		// document/literal with qualified elements: a child outside PWGateway is ignored, as ASP.NET does.
		const child = element.children.find((c) => c.local === field && c.ns === NAMESPACE);
		params[field] = child && child.attrs['xsi:nil'] !== 'true' ? child.text : null;
	}
	return params;
}

/**
 * Parses a SOAP request to the service the way ASP.NET does (content type, SOAPAction, envelope,
 * operation element) without side effects; `handlers` run the operation when the request is executed.
 */
function prepareSoap(ctx, handlers) {
	const contentType = parseContentType(ctx.headers['content-type']);
	const version =
		contentType.type === 'text/xml'
			? '1.1'
			: contentType.type === 'application/soap+xml'
				? '1.2'
				: null;
	if (!version) {
		return fixed(
			pages.aspNetError(
				415,
				'Unsupported Media Type',
				`Request format is unrecognized: Content-Type '${ctx.headers['content-type'] || ''}' is not a SOAP content type.`,
			),
		);
	}
	const xml = decodeBody(ctx.body, contentType.params);
	if (xml === null) {
		return fixed(
			pages.aspNetError(
				415,
				'Unsupported Media Type',
				`The charset '${contentType.params.charset}' is not supported.`,
			),
		);
	}

	let action = null;
	if (version === '1.1') {
		const header = ctx.headers.soapaction;
		action =
			header === undefined
				? ''
				: String(header)
						.trim()
						.replace(/^"(.*)"$/, '$1');
	} else if (contentType.params.action !== undefined) {
		action = contentType.params.action;
	}
	let operation = null;
	if (action !== null) {
		operation = operationForAction(action);
		if (!operation)
			return fixed(
				faultReply(
					version,
					'Client',
					`Server did not recognize the value of HTTP Header SOAPAction: ${action}.`,
				),
			);
	}

	let parsed;
	try {
		parsed = soap.parseEnvelope(xml);
	} catch (error) {
		if (!(error instanceof soap.XmlReadError)) throw error;
		const where = error.line ? ` (${error.line}, ${error.col})` : '';
		return fixed(
			faultReply(
				version,
				'Client',
				unreadable(
					`System.InvalidOperationException: There is an error in XML document${where}. ---> System.Xml.XmlException: ${error.message}`,
				),
			),
			{ operation },
		);
	}
	const expectedNs = version === '1.2' ? soap.SOAP12_NS : soap.SOAP11_NS;
	if (parsed.envelope.local !== 'Envelope') {
		return fixed(
			faultReply(
				version,
				'Client',
				unreadable(
					`System.Xml.XmlException: Root element is not Envelope (found <${parsed.envelope.name}>).`,
				),
			),
			{ operation },
		);
	}
	if (parsed.envelope.ns !== expectedNs) {
		return fixed(
			faultReply(
				version,
				'VersionMismatch',
				`Possible SOAP version mismatch: Envelope namespace ${parsed.envelope.ns} was unexpected. Expecting ${expectedNs}.`,
			),
			{ operation },
		);
	}
	const element = parsed.body && parsed.body.children[0];
	if (!element)
		return fixed(
			faultReply(
				version,
				'Client',
				unreadable('System.Xml.XmlException: Body element or its content is missing.'),
			),
			{ operation },
		);
	const elementIsOperation =
		element.ns === NAMESPACE && Object.prototype.hasOwnProperty.call(OPERATIONS, element.local);
	if (!operation) {
		if (!elementIsOperation) {
			return fixed(
				faultReply(
					version,
					'Client',
					'Unable to handle request without a valid action parameter. Please supply a valid soap action.',
				),
			);
		}
		operation = element.local;
	} else if (!(elementIsOperation && element.local === operation)) {
		return fixed(
			faultReply(
				version,
				'Client',
				unreadable(
					`System.InvalidOperationException: There is an error in XML document. ---> System.InvalidOperationException: <${element.local} xmlns='${element.ns}'> was not expected.`,
				),
			),
			{ operation },
		);
	}

	const params = readFields(element, operation);
	const exampleResult = operation === 'MPG_Credits' ? { balance: '0', status: '000' } : '000';
	return {
		operation,
		params,
		soapVersion: version,
		execute: () =>
			operationReply(
				version,
				operation,
				operation === 'MPG_Credits' ? handlers.credits(params) : handlers.sendSms(params, version),
			),
		sample: () => operationReply(version, operation, exampleResult),
	};
}

function helpPage() {
	const items = Object.keys(OPERATIONS)
		.map((op) => `<li><a href="service.asmx?op=${op}">${op}</a></li>`)
		.join('');
	return {
		status: 200,
		contentType: 'text/html; charset=utf-8',
		body:
			'<html><head><title>Service Web Service</title></head><body><div id="content">' +
			'<p class="heading1">Service</p><br><span><p class="intro">The following operations are supported. For a formal definition, please review the ' +
			`<a href="service.asmx?WSDL">Service Description</a>.</p><ul>${items}</ul></span>` +
			'<p>The test form is only available for requests from the local machine.</p></div></body></html>',
	};
}

module.exports = { NAMESPACE, OPERATIONS, prepareSoap, fixed, helpPage, operationReply };
