'use strict';

const FAULT_KINDS = [
	'latency',
	'status',
	'html',
	'empty',
	'malformed',
	'unexpected-xml',
	'redirect',
	'latin1',
	'drop',
	'timeout',
	'reset-mid-reply',
	'gateway-error',
];

/** Kinds that change how the reply travels but always let the gateway process the request. */
const ALWAYS_PROCESSED = new Set(['latency', 'latin1']);

/** mulberry32: small, seedable, good enough to make probabilistic faults reproducible. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function validateFault(fault) {
	if (!fault || typeof fault !== 'object') throw new TypeError('fault must be an object');
	if (!FAULT_KINDS.includes(fault.kind)) {
		throw new TypeError(
			`fault.kind must be one of ${FAULT_KINDS.join(', ')}; got ${JSON.stringify(fault.kind)}`,
		);
	}
	const { match, times, probability, ms, status, when } = fault;
	if (match !== undefined && (match === null || typeof match !== 'object'))
		throw new TypeError('fault.match must be an object');
	if (
		match?.params !== undefined &&
		(match.params === null ||
			typeof match.params !== 'object' ||
			Object.values(match.params).some((value) => typeof value !== 'string'))
	)
		throw new TypeError('fault.match.params must map field names to strings');
	if (times !== undefined && times !== null && !(Number.isInteger(times) && times > 0)) {
		throw new TypeError('fault.times must be a positive integer');
	}
	if (
		probability !== undefined &&
		!(typeof probability === 'number' && probability >= 0 && probability <= 1)
	) {
		throw new TypeError('fault.probability must be a number between 0 and 1');
	}
	if (fault.kind === 'latency' && !(typeof ms === 'number' && ms >= 0))
		throw new TypeError('latency fault needs ms >= 0');
	if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
		throw new TypeError('fault.status must be an HTTP status code');
	}
	if (fault.kind === 'gateway-error' && when === 'after')
		throw new TypeError('a gateway-error fault answers instead of processing: when must be before');
	if (when !== undefined && when !== 'before' && when !== 'after')
		throw new TypeError("fault.when must be 'before' or 'after'");
}

/** Holds injected faults and decides, per request, which of them apply. */
class FaultInjector {
	constructor(seed) {
		this.seed = seed;
		this.reset();
	}

	reset() {
		this.random = seededRandom(this.seed);
		this.faults = [];
		this.nextId = 1;
	}

	inject(fault) {
		validateFault(fault);
		const id = `fault-${this.nextId++}`;
		this.faults.push({
			...fault,
			id,
			match: fault.match || {},
			remaining: fault.times == null ? Infinity : fault.times,
			when: fault.when || 'before',
		});
		return id;
	}

	remove(id) {
		const before = this.faults.length;
		this.faults = this.faults.filter((f) => f.id !== id);
		return this.faults.length !== before;
	}

	clear() {
		this.faults = [];
	}

	list() {
		return this.faults.map(({ remaining, ...f }) => ({
			...f,
			remaining: remaining === Infinity ? null : remaining,
		}));
	}

	/**
	 * Picks the faults for one request: every matching latency fault adds its delay, and the
	 * first other matching fault (in injection order) shapes the reply.
	 */
	select({ path, operation, params }) {
		let latencyMs = 0;
		let latencyApplied = false;
		let fault = null;
		for (const f of this.faults) {
			if (f.match.path !== undefined && f.match.path !== path) continue;
			if (f.match.operation !== undefined && f.match.operation !== operation) continue;
			if (f.match.params !== undefined && !paramsMatch(f.match.params, params)) continue;
			if (f.kind !== 'latency' && fault) continue;
			if (f.probability !== undefined && this.random() >= f.probability) continue;
			f.remaining -= 1;
			if (f.kind === 'latency') {
				latencyMs += f.ms;
				latencyApplied = true;
			} else {
				fault = f;
			}
		}
		this.faults = this.faults.filter((f) => f.remaining > 0);
		return { latencyMs, latencyApplied, fault };
	}
}

/** Every field named by the fault has exactly that value in the request (e.g. one recipient). */
function paramsMatch(expected, params) {
	if (!params) return false;
	return Object.entries(expected).every(([name, value]) => params[name] === value);
}

function processesRequest(fault) {
	return !fault || ALWAYS_PROCESSED.has(fault.kind) || fault.when === 'after';
}

module.exports = { FAULT_KINDS, FaultInjector, seededRandom, validateFault, processesRequest };
