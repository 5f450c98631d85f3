/** Gateway sandbox: a loopback HTTP server that behaves like the SMS gateways. */

export type FaultKind =
	| 'latency'
	| 'status'
	| 'html'
	| 'empty'
	| 'malformed'
	| 'unexpected-xml'
	| 'redirect'
	| 'latin1'
	| 'drop'
	| 'timeout'
	| 'reset-mid-reply';

export interface Fault {
	kind: FaultKind;
	/** Only requests matching every given field are affected (path is exact, without query). */
	match?: { path?: string; operation?: string };
	/** How many matching requests the fault applies to; default: all. */
	times?: number;
	/** Chance (0..1) that a matching request is affected, drawn from the sandbox's seeded RNG. */
	probability?: number;
	/** Delay for `latency`. */
	ms?: number;
	/** HTTP status for `status` (default 503), `html` (default 200) and `redirect` (default 302). */
	status?: number;
	/** Location for `redirect` (default an ASP.NET error page path). */
	location?: string;
	/** 'after': the gateway processes the request first, then the reply is damaged or lost. Default 'before'. */
	when?: 'before' | 'after';
}

export interface ActiveFault extends Fault {
	id: string;
	match: { path?: string; operation?: string };
	when: 'before' | 'after';
	/** Applications left; null = unlimited. */
	remaining: number | null;
}

export interface RecordedRequest {
	/** Gateway module that handled it ('mobilepronto'), null for paths no gateway owns. */
	gateway: string | null;
	/** e.g. 'MPG_SendSimple_SMS', 'MPG_Credits'; null when the request could not be routed to one. */
	operation: string | null;
	method: string;
	path: string;
	/** Lower-cased header names, as Node reports them. */
	headers: Record<string, string | string[] | undefined>;
	/** Request body decoded by its declared charset (UTF-8 by default). */
	rawBody: string;
	/** Parsed operation fields; a missing field is null. */
	params: Record<string, string | null> | null;
	/** Gateway return code ('000', '001', ... ; for MPG_Credits the v_st_Status), null if not processed or a SOAP fault. */
	resultCode: string | null;
	/** HTTP status sent, null if no reply was sent (drop, timeout, ...). */
	status: number | null;
	/** SOAP fault text when the gateway answered with a fault. */
	error?: string;
	/** Kind of injected fault applied to this request. */
	fault?: FaultKind;
	/** Epoch milliseconds. */
	at: number;
}

export interface MobileProntoAccountOptions {
	/** Exactly 40 characters. */
	credencial: string;
	/** Default 1000; each accepted SMS costs 1. */
	credits?: number;
	blocked?: boolean;
	/** Success replies are `000:MPG<12 digits>` instead of `000`. */
	returnsMessageId?: boolean;
	/** Accepted SMS per UTC day; null/undefined = unlimited. */
	dailyLimit?: number | null;
	/** Accepted SMS per rolling 60 s; null/undefined = unlimited. */
	ratePerMinute?: number | null;
	/** Mobile prefixes (e.g. '+55(11)97') answered with 017. */
	deniedOperatorPrefixes?: string[];
	/** Country calling codes served; default ['55']. */
	countries?: string[];
}

export interface MobileProntoAccount {
	credencial: string;
	credits: number;
	blocked: boolean;
	returnsMessageId: boolean;
	dailyLimit: number;
	ratePerMinute: number;
	deniedOperatorPrefixes: string[];
	countries: string[];
	sentToday: number;
}

export interface MobileProntoSms {
	/** Internal id, `MPG` + 12 digits (returned to the client only with returnsMessageId). */
	id: string;
	credencial: string;
	mobile: string;
	message: string;
	soapVersion: '1.1' | '1.2';
	/** Epoch milliseconds. */
	at: number;
}

export interface MobileProntoControl {
	/** Adds (or replaces) an account. Throws TypeError on invalid options. */
	addAccount(options: MobileProntoAccountOptions): MobileProntoAccount;
	/** Changes an existing account, keeping its send counters. */
	updateAccount(credencial: string, patch: Partial<MobileProntoAccountOptions>): MobileProntoAccount;
	getAccount(credencial: string): MobileProntoAccount | undefined;
	blacklist(mobile: string): void;
	/**
	 * Sends to `mobile` that pass validation return `code` (no credit spent) for the next `times`
	 * sends (default: until reset). `code` null removes the override.
	 */
	forceCode(mobile: string, code: string | null, times?: number): void;
	/** Accepted SMS, oldest first. Live array, cleared in place by reset(). */
	readonly sent: MobileProntoSms[];
}

export interface SandboxState {
	faults: ActiveFault[];
	mobilePronto: {
		accounts: MobileProntoAccount[];
		sent: MobileProntoSms[];
		blacklist: string[];
		forcedCodes: { mobile: string; code: string; remaining: number | null }[];
	};
}

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Only '127.0.0.1' (default) or 'localhost'; anything else throws. */
	host?: string;
	/** Seed for probabilistic faults; default 1. */
	seed?: number;
	/** Clock in epoch ms, for rate and daily limits; default Date.now. */
	now?: () => number;
}

export interface Sandbox {
	/** e.g. 'http://127.0.0.1:40123' */
	readonly url: string;
	readonly port: number;
	readonly host: string;
	readonly mobilePronto: MobileProntoControl;
	/** Every gateway request handled (control API calls excluded). Live array, cleared in place by reset(). */
	readonly requests: RecordedRequest[];
	/** Adds a fault; returns its id. Throws TypeError on an invalid fault. */
	inject(fault: Fault): string;
	removeFault(id: string): boolean;
	clearFaults(): void;
	readonly faults: ActiveFault[];
	state(): SandboxState;
	/** Clears requests, sent SMS, faults, blacklist and forced codes; accounts back to the demo account. */
	reset(): void;
	/** Stops listening and destroys every open socket, including ones held by `timeout` faults. */
	close(): Promise<void>;
}

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;

/** Credencial of the demo account present after start and reset (1000 credits). */
export declare const MOBILEPRONTO_DEMO_CREDENCIAL: string;
/** '/sms/v_2_00/service.asmx' */
export declare const MOBILEPRONTO_SERVICE_PATH: string;
export declare const FAULT_KINDS: readonly FaultKind[];
