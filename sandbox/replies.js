'use strict';
/**
 * Writing the sandbox's replies: a gateway's reply in the charset its Content-Type declares, and
 * what each injected fault turns a reply into (an HTTP error, an HTML page, a cut or empty body, a
 * redirect, a dropped, held or reset connection).
 */
const http = require('node:http');
const { toLatin1 } = require('./encoding');
const pages = require('./pages');

const BODY_FAULTS = new Set(['html', 'empty', 'malformed', 'unexpected-xml', 'gateway-error']);

/**
 * Encodes a reply body by the charset its Content-Type declares (see the gateway contract in
 * server.js).
 */
function encodeReply(reply, forceLatin1) {
	if (reply.contentType && (forceLatin1 || /charset=iso-8859-1/i.test(reply.contentType)))
		return toLatin1(reply.contentType, reply.body);
	return { contentType: reply.contentType, buffer: Buffer.from(reply.body, 'utf8') };
}

function halfOf(buffer) {
	return buffer.subarray(0, Math.floor(buffer.length / 2));
}

function send(req, res, record, reply, { latin1 = false } = {}) {
	const { contentType, buffer } = encodeReply(reply, latin1);
	record.status = reply.status;
	const headers = { ...(reply.headers || {}), 'Content-Length': buffer.length };
	if (contentType) headers['Content-Type'] = contentType;
	res.writeHead(reply.status, headers);
	res.end(req.method === 'HEAD' ? undefined : buffer);
}

/**
 * Sends what `fault` makes of the request's reply. `reply` is null when the fault means the request
 * was not processed; `heldSockets` collects the connections a timeout fault leaves open.
 */
function applyFault(fault, ctx, gateway, prepared, reply, heldSockets) {
	const { req, res, record } = ctx;
	const base = () => reply || prepared.sample();
	if (BODY_FAULTS.has(fault.kind)) {
		const custom =
			gateway && gateway.faultBody && gateway.faultBody(fault.kind, { prepared, reply, fault });
		if (custom) return send(req, res, record, custom);
	}
	switch (fault.kind) {
		case 'latency':
			return send(req, res, record, reply);
		case 'latin1':
			return send(req, res, record, reply, { latin1: true });
		case 'status': {
			const status = fault.status || 503;
			return send(
				req,
				res,
				record,
				pages.textReply(status, `HTTP Error ${status}. ${http.STATUS_CODES[status] || 'Error'}.`),
			);
		}
		case 'html':
			return send(req, res, record, {
				...pages.aspNetError(200, 'Runtime Error', 'An application error occurred on the server.'),
				status: fault.status || 200,
			});
		case 'empty':
			return send(req, res, record, {
				status: 200,
				contentType: 'text/xml; charset=utf-8',
				body: '',
			});
		case 'malformed': {
			const full = Buffer.from(base().body, 'utf8');
			return send(req, res, record, {
				status: 200,
				contentType: 'text/xml; charset=utf-8',
				body: halfOf(full).toString('utf8'),
			});
		}
		case 'unexpected-xml':
			return send(req, res, record, {
				status: 200,
				contentType: 'text/xml; charset=utf-8',
				body: '<?xml version="1.0" encoding="utf-8"?><error><message>Unexpected response</message></error>',
			});
		case 'redirect': {
			const location =
				fault.location || `/errorpage.aspx?aspxerrorpath=${encodeURIComponent(ctx.path)}`;
			return send(req, res, record, {
				status: fault.status || 302,
				contentType: 'text/html; charset=utf-8',
				headers: { Location: location },
				body: `<html><head><title>Object moved</title></head><body><h2>Object moved to <a href="${pages.escapeHtml(location)}">here</a>.</h2></body></html>`,
			});
		}
		case 'gateway-error':
			throw new Error(`no gateway-shaped error reply for ${ctx.path}`);
		case 'drop':
			return req.socket.destroy();
		case 'timeout':
			heldSockets.add(req.socket);
			req.socket.once('close', () => heldSockets.delete(req.socket));
			return undefined;
		case 'reset-mid-reply': {
			const full = base();
			const { contentType, buffer } = encodeReply(full);
			record.status = full.status;
			res.writeHead(full.status, {
				'Content-Type': contentType,
				'Content-Length': buffer.length,
			});
			res.write(halfOf(buffer), () => req.socket.destroy());
			return undefined;
		}
		default:
			throw new Error(`unhandled fault kind ${fault.kind}`);
	}
}

module.exports = { encodeReply, send, applyFault };
