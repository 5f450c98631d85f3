'use strict';

const http = require('node:http');
const { FaultInjector, processesRequest } = require('./faults');
const { parseContentType, decodeBody } = require('./encoding');
const { send, applyFault } = require('./replies');
const pages = require('./pages');
const { createMobilePronto } = require('./gateways/mobilepronto');
const { createSmSend } = require('./gateways/smsend');

const CONTROL_PREFIX = '/__sandbox/';
const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK_HOSTS = { '127.0.0.1': '127.0.0.1', localhost: '127.0.0.1' };

/**
 * Gateway modules, in routing order: the first whose owns(path) is true handles the request.
 * A factory receives { now, seed } and returns:
 *   name        'mobilepronto', 'smsend'; also the control API segment /__sandbox/<name>/...
 *   stateKey    property name on the sandbox object and in GET /__sandbox/state ('mobilePronto')
 *   owns(path)  whether a request path belongs to this gateway
 *   prepare(ctx)  ctx = { method, path, headers, body: Buffer, remoteAddress }; parses without side effects and returns
 *               { operation, params, execute(), sample() }: execute() processes the request (credits,
 *               sent list...) and returns the reply; sample() returns a plausible reply without
 *               processing, used when a fault damages the reply of an unprocessed request.
 *               A reply is { status, contentType, body: string, headers?, resultCode?, error? }; a
 *               contentType declaring charset=ISO-8859-1 sends the body in Latin-1 (other characters
 *               as numeric character references), anything else is sent as UTF-8.
 *   faultBody(kind, { prepared, reply, fault })  optional: a gateway-shaped reply for html,
 *               empty, malformed or unexpected-xml faults, or undefined for the generic one;
 *               required for gateway-error (the gateway's own refusal, nothing processed)
 *   reset(), state()  back to defaults / JSON-able snapshot
 *   control     { 'POST route': (jsonBody) => result } served at /__sandbox/<name>/<route>;
 *               throw TypeError for bad input (becomes HTTP 400)
 *   api         object exposed as sandbox[stateKey]
 */
const GATEWAY_FACTORIES = [createMobilePronto, createSmSend];

function loopbackHost(host) {
	const resolved = LOOPBACK_HOSTS[String(host)];
	if (!resolved)
		throw new Error(
			`The sandbox only listens on loopback (127.0.0.1); refusing host ${JSON.stringify(host)}`,
		);
	return resolved;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(Object.assign(new Error('request body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Starts the gateway sandbox on loopback. See index.d.ts for the public shape.
 */
async function startSandbox(options = {}) {
	const host = loopbackHost(options.host === undefined ? '127.0.0.1' : options.host);
	const seed = options.seed === undefined ? 1 : options.seed;
	const now = options.now || Date.now;
	const gateways = GATEWAY_FACTORIES.map((create) => create({ now, seed }));
	const faults = new FaultInjector(seed);
	const requests = [];
	const heldSockets = new Set();
	const pendingDelays = new Set();
	let closing = null;

	function reset() {
		requests.length = 0;
		faults.reset();
		for (const gateway of gateways) gateway.reset();
	}

	function sleep(ms) {
		return new Promise((resolve) => {
			const entry = { resolve };
			entry.timer = setTimeout(() => {
				pendingDelays.delete(entry);
				resolve();
			}, ms);
			pendingDelays.add(entry);
		});
	}

	function state() {
		const result = { faults: faults.list() };
		for (const gateway of gateways) result[gateway.stateKey] = gateway.state();
		return result;
	}

	async function handleGatewayRequest(req, res, path, body) {
		const gateway = gateways.find((g) => g.owns(path)) || null;
		const prepared = gateway
			? gateway.prepare({
					method: req.method,
					path,
					headers: req.headers,
					body,
					remoteAddress: req.socket.remoteAddress,
				})
			: { operation: null, params: null, execute: pages.iisNotFound, sample: pages.iisNotFound };
		const record = {
			gateway: gateway ? gateway.name : null,
			operation: prepared.operation,
			method: req.method,
			path,
			headers: { ...req.headers },
			rawBody:
				decodeBody(body, parseContentType(req.headers['content-type']).params) ??
				body.toString('latin1'),
			params: prepared.params,
			resultCode: null,
			status: null,
			at: now(),
			connection: connectionIds.get(req.socket),
		};
		const ctx = { req, res, path, record };
		requests.push(record);

		const { latencyMs, latencyApplied, fault } = faults.select({
			path,
			operation: prepared.operation,
			params: prepared.params,
		});
		if (fault) record.fault = fault.kind;
		else if (latencyApplied) record.fault = 'latency';
		// A client giving up during the delay does not stop processing, as on a real server.
		if (latencyMs > 0) await sleep(latencyMs);
		if (closing) return;

		let reply = null;
		if (processesRequest(fault)) {
			reply = prepared.execute();
			record.resultCode = reply.resultCode ?? null;
			if (reply.error) record.error = reply.error;
		}
		if (res.destroyed || req.socket.destroyed) return;
		if (!fault) send(req, res, record, reply);
		else applyFault(fault, ctx, gateway, prepared, reply, heldSockets);
	}

	function json(res, status, value) {
		const buffer = Buffer.from(JSON.stringify(value === undefined ? null : value));
		res.writeHead(status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': buffer.length,
		});
		res.end(buffer);
	}

	function handleControl(req, res, path, body) {
		const route = path.slice(CONTROL_PREFIX.length);
		const method = req.method;
		let input;
		if (method === 'POST') {
			try {
				input = body.length ? JSON.parse(body.toString('utf8')) : {};
			} catch (error) {
				return json(res, 400, { error: `invalid JSON body: ${error.message}` });
			}
		}
		try {
			if (method === 'GET' && route === 'requests') return json(res, 200, requests);
			if (method === 'GET' && route === 'state') return json(res, 200, state());
			if (method === 'POST' && route === 'reset') {
				reset();
				return json(res, 200, { ok: true });
			}
			if (method === 'GET' && route === 'faults') return json(res, 200, faults.list());
			if (method === 'POST' && route === 'faults')
				return json(res, 201, { id: faults.inject(input) });
			if (method === 'DELETE' && route === 'faults') {
				faults.clear();
				return json(res, 200, { ok: true });
			}
			if (method === 'DELETE' && route.startsWith('faults/')) {
				const removed = faults.remove(decodeURIComponent(route.slice('faults/'.length)));
				return json(res, removed ? 200 : 404, removed ? { ok: true } : { error: 'no such fault' });
			}
			const slash = route.indexOf('/');
			const gateway = slash > 0 && gateways.find((g) => g.name === route.slice(0, slash));
			const handler = gateway && gateway.control[`${method} ${route.slice(slash + 1)}`];
			if (handler) return json(res, 200, handler(input));
			return json(res, 404, { error: `unknown control endpoint ${method} ${path}` });
		} catch (error) {
			if (error instanceof TypeError) return json(res, 400, { error: error.message });
			throw error;
		}
	}

	const server = http.createServer((req, res) => {
		const path = new URL(req.url, 'http://sandbox').pathname;
		readBody(req)
			.then((body) =>
				path.startsWith(CONTROL_PREFIX)
					? handleControl(req, res, path, body)
					: handleGatewayRequest(req, res, path, body),
			)
			.catch((error) => {
				if (res.headersSent || res.destroyed) return req.socket.destroy();
				const reply = pages.textReply(
					error.status || 500,
					error.status ? error.message : `sandbox error: ${error.stack}`,
				);
				res.writeHead(reply.status, { 'Content-Type': reply.contentType, Connection: 'close' });
				res.end(reply.body);
			});
	});

	// Numbers each TCP connection, so a client's connection reuse shows in the request record.
	const connectionIds = new WeakMap();
	let connections = 0;
	server.on('connection', (socket) => connectionIds.set(socket, ++connections));

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port === undefined ? 0 : options.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();

	function close() {
		if (!closing) {
			closing = new Promise((resolve) => server.close(() => resolve()));
			for (const entry of pendingDelays) {
				clearTimeout(entry.timer);
				entry.resolve();
			}
			pendingDelays.clear();
			for (const socket of heldSockets) socket.destroy();
			server.closeAllConnections();
		}
		return closing;
	}

	const gatewayApis = Object.fromEntries(gateways.map((g) => [g.stateKey, g.api]));
	return {
		url: `http://${host}:${port}`,
		port,
		host,
		...gatewayApis,
		get requests() {
			return requests;
		},
		inject: (fault) => faults.inject(fault),
		removeFault: (id) => faults.remove(id),
		clearFaults: () => faults.clear(),
		get faults() {
			return faults.list();
		},
		state,
		reset,
		close,
	};
}

module.exports = { startSandbox, loopbackHost };
