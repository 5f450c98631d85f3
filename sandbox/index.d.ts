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
	| 'reset-mid-reply'
	| 'gateway-error';

export interface Fault {
	kind: FaultKind;
	/**
	 * Only requests matching every given field are affected (path is exact, without query);
	 * `params`: fields the request must carry with exactly these values, e.g. `{ rcpt: '+39…' }`
	 * to hit one recipient (smSend HTTP `rcpt`, MobilePronto `Mobile`, back office `u_id`).
	 */
	match?: { path?: string; operation?: string; params?: Record<string, string> };
	/** How many matching requests the fault applies to; default: all. */
	times?: number;
	/** Chance (0..1) that a matching request is affected, drawn from the sandbox's seeded RNG. */
	probability?: number;
	/** Delay for `latency`. */
	ms?: number;
	/** HTTP status for `status` (default 503), `html` (default 200) and `redirect` (default 302). */
	status?: number;
	/**
	 * `gateway-error` (the gateway refuses without processing): MobilePronto's return code
	 * (default `801`); smSend's reply text (default `KO Errore interno.`, or for SOAP services
	 * `KO 300 System (Internal Error)` as a fault).
	 */
	code?: string;
	text?: string;
	/** Location for `redirect` (default an ASP.NET error page path). */
	location?: string;
	/** 'after': the gateway processes the request first, then the reply is damaged or lost. Default 'before'. */
	when?: 'before' | 'after';
}

export interface ActiveFault extends Fault {
	id: string;
	match: { path?: string; operation?: string; params?: Record<string, string> };
	when: 'before' | 'after';
	/** Applications left; null = unlimited. */
	remaining: number | null;
}

export interface RecordedRequest {
	/** Gateway module that handled it ('mobilepronto', 'smsend'), null for paths no gateway owns. */
	gateway: string | null;
	/**
	 * e.g. 'MPG_SendSimple_SMS', 'MPG_Credits'; for smSend the endpoint name ('send', 'mnc', 'batch-status',
	 * 'credit', 'client-add', ..., 'userlog-get', 'receiveSms', 'sendMms'); null when the request could not be routed to one.
	 */
	operation: string | null;
	method: string;
	path: string;
	/** Lower-cased header names, as Node reports them. */
	headers: Record<string, string | string[] | undefined>;
	/** Request body decoded by its declared charset (UTF-8 by default). */
	rawBody: string;
	/** Parsed operation fields (SOAP: a missing field is null; smSend HTTP: every posted form field); null if unparseable. */
	params: Record<string, string | null> | null;
	/**
	 * Gateway return code ('000', '001', ... ; for MPG_Credits the v_st_Status), null if not processed or a SOAP fault.
	 * smSend: 'OK', the whole KO text ('KO Credito insufficiente.'), or the SOAP faultcode ('KO 211', 'SOAP-ENV:Client').
	 */
	resultCode: string | null;
	/** HTTP status sent, null if no reply was sent (drop, timeout, ...). */
	status: number | null;
	/** SOAP fault text when the gateway answered with a fault. */
	error?: string;
	/** Kind of injected fault applied to this request. */
	fault?: FaultKind;
	/** Epoch milliseconds. */
	at: number;
	/** Which TCP connection it came on: connections are numbered 1, 2, ... as the sandbox accepts them. */
	connection: number;
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
	updateAccount(
		credencial: string,
		patch: Partial<MobileProntoAccountOptions>,
	): MobileProntoAccount;
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

export interface SmSendMmsAccountOptions {
	id: string;
	password: string;
	/** 'plain' (default): `password` must match; 'md5': `ticket` = md5(id + rcpt + subject + text + password), lowercase hex. */
	auth?: 'plain' | 'md5';
	/** Ten-thousandths of a euro; default 10000000 (1000 euro). Each recipient costs 3700. */
	credit?: number;
}

export interface SmSendAccountOptions {
	user: string;
	pass: string;
	/** Euro, default 100. */
	credit?: number;
	/** false: every call answers `KO Accesso non consentito (utente non abilitato).` Default true. */
	enabled?: boolean;
	/** Client IPs allowed (e.g. ['127.0.0.1']); null (default) = any. */
	allowedIps?: string[] | null;
	/** May use /backoffice/ with smsusername/smspassword. Default false. */
	reseller?: boolean;
	/** client-add with reseller=1 allowed. Default true. */
	canCreateResellers?: boolean;
	smsusername?: string;
	smspassword?: string;
	mms?: SmSendMmsAccountOptions;
	/** batch-status columns: 'doc' (default) as in the document; 'extended' = id,timestamp,dest,status,status_text,request_id. */
	reportLayout?: 'doc' | 'extended';
	/** Numbers starting with one of these get `KO Operatore sconosciuto.` on send and 300 Unknown subscriber on MNC. */
	unknownOperatorPrefixes?: string[];
	/** SMS to these numbers end `failed` (queue 302 Temporary failure, notify 300 Unknown subscriber) instead of `delivered`. */
	failingNumbers?: string[];
	/** Also advance this account's SMS and MNC statuses one step per autoAdvanceMs elapsed (sandbox clock). Default null: only advance(). */
	autoAdvanceMs?: number | null;
	/** Back office: profile ids accepted as tpl_id (default [1, 2]; the first is the default profile). */
	profileIds?: number[];
	/** Back office: tariff ids accepted as bill_id (default [1, 2, 3]). */
	tariffIds?: number[];
}

export interface SmSendAccount
	extends Required<
		Omit<
			SmSendAccountOptions,
			'mms' | 'smsusername' | 'smspassword' | 'allowedIps' | 'autoAdvanceMs'
		>
	> {
	/** Numeric account id (the back office u_id). */
	id: number;
	/** Euro. */
	credit: number;
	allowedIps: string[] | null;
	smsusername: string | null;
	smspassword: string | null;
	mms: Required<SmSendMmsAccountOptions> | null;
	autoAdvanceMs: number | null;
	/** User of the reseller that created it through client-add, else null. */
	parent: string | null;
}

export type SmSendSmsStatus = 'queued' | 'sent' | 'delivered' | 'failed';

export interface SmSendSms {
	/** Numeric message id (the `id` column of batch-status). */
	id: number;
	/** Request id such as 'HTTP00000000111'; answered to the client only with return_id=1. */
	requestId: string;
	user: string;
	rcpt: string;
	sender: string;
	data: string;
	qty: 'll' | 'l' | 'a' | 'h' | 'n';
	operation: 'TEXT' | 'WAPPUSH' | 'UCS2' | 'MULTITEXT' | 'MULTIUCS2';
	url: string | null;
	parts: number;
	/** Euro. */
	cost: number;
	status: SmSendSmsStatus;
	/** Epoch milliseconds. */
	at: number;
}

export interface SmSendMedia {
	type: string;
	/** Bytes after base64 decoding. */
	size: number;
}

export interface SmSendMms {
	id: number;
	/** MMS account id (e.g. 'C00000_001'). */
	mmsId: string;
	user: string;
	rcpt: string[];
	subject: string;
	text: string;
	image: (SmSendMedia & { type: 'jpeg' | 'gif' | 'png' }) | null;
	sound: (SmSendMedia & { type: 'midi' | 'mp3' }) | null;
	video: (SmSendMedia & { type: 'mov' | '3gp' }) | null;
	/** Ten-thousandths of a euro (3700 per recipient). */
	cost: number;
	at: number;
}

export interface SmSendClient {
	/** u_id */
	id: number;
	/** User of the reseller that created it. */
	parent: string;
	name: string;
	username: string;
	password: string;
	email: string | null;
	tplId: number;
	contact: string | null;
	refId: string | null;
	reseller: boolean;
	vhost: string | null;
	active: boolean;
	at: number;
}

export interface SmSendMncRequest {
	requestId: string;
	user: string;
	at: number;
	numbers: {
		id: number;
		dest: string;
		/** pending until the next advance(): 100 Waiting; then 200 with the operator, or 300 Unknown subscriber. */
		status: 'pending' | 'resolved' | 'unknown';
		operator: { netcode: string; name: string } | null;
	}[];
}

export interface SmSendReception {
	user: string;
	rcpt: string;
	sharecode: string;
}

export interface SmSendInboxMessageOptions {
	rcpt: string;
	sharecode: string;
	sender: string;
	text: string;
	/** Reception time; default now. Control API: ISO string. */
	date?: Date | string;
	/** Default: one more than the highest id so far (the first is 5678). */
	id?: number;
}

export interface SmSendInboxMessage {
	id: number;
	rcpt: string;
	sharecode: string;
	sender: string;
	text: string;
	date: Date;
}

export interface SmSendUserlogRow {
	at: number;
	u_id: number;
	type: 'credits' | 'recv_add' | 'recv_del';
	value: string;
	note: string;
	/** User of the reseller whose back office wrote it. */
	reseller: string;
}

export interface SmSendControl {
	/** Adds (or replaces, keeping its id) an account. Throws TypeError on invalid options. */
	addAccount(options: SmSendAccountOptions): SmSendAccount;
	getAccount(user: string): SmSendAccount | undefined;
	/** Gives `user` the reception number rcpt with sharecode (an empty inbox). */
	addReception(reception: SmSendReception): SmSendReception;
	/** Stores an inbound SMS for rcpt/sharecode (the reception must exist). */
	addInboxMessage(message: SmSendInboxMessageOptions): SmSendInboxMessage;
	/** Moves every SMS (queued → sent → delivered/failed) and MNC request (pending → answered) `times` steps on. */
	advance(times?: number): void;
	/**
	 * The next `times` requests (default: until reset) to endpoint — a path ('/sms/send.php') or an operation
	 * ('send', 'sendMms') — that reach processing answer koText instead, with no side effect. SOAP endpoints
	 * need 'KO nnn text' (sent as a Fault). koText null removes the override.
	 */
	forceFailure(endpoint: string, koText: string | null, times?: number): void;
	/** MNC answer for numbers starting with prefix (longest prefix wins); null removes it. Reset restores the defaults. */
	setMncOperator(prefix: string, operator: { netcode: string; name: string } | null): void;
	/** Accepted SMS, oldest first. Live array, cleared in place by reset(). */
	readonly sent: SmSendSms[];
	/** Accepted MMS, oldest first. Live array. */
	readonly mms: SmSendMms[];
	/** Clients created through /backoffice/client-add.php. Live array. */
	readonly clients: SmSendClient[];
	/** Accepted mnc.php requests. Live array. */
	readonly mncRequests: SmSendMncRequest[];
}

export interface SandboxState {
	faults: ActiveFault[];
	smSend: {
		accounts: SmSendAccount[];
		clients: SmSendClient[];
		receptions: (SmSendReception & { inbox: SmSendInboxMessage[] })[];
		sent: SmSendSms[];
		mms: SmSendMms[];
		mncRequests: SmSendMncRequest[];
		userlog: SmSendUserlogRow[];
		mncTable: { prefix: string; netcode: string; name: string }[];
		forcedFailures: { endpoint: string; text: string; remaining: number | null }[];
	};
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
	readonly smSend: SmSendControl;
	/** Every gateway request handled (control API calls excluded). Live array, cleared in place by reset(). */
	readonly requests: RecordedRequest[];
	/** Adds a fault; returns its id. Throws TypeError on an invalid fault. */
	inject(fault: Fault): string;
	removeFault(id: string): boolean;
	clearFaults(): void;
	readonly faults: ActiveFault[];
	state(): SandboxState;
	/** Clears requests, sent SMS/MMS, faults, blacklist, forced codes and failures, inboxes, clients; accounts back to the demo accounts. */
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

/**
 * smSend demo account present after start and reset: a reseller with 100 euro, the back-office login,
 * an MMS account (plain password, 1000 euro) and the reception rcpt/sharecode with an empty inbox.
 */
export declare const SMSEND_DEMO: {
	readonly user: 'demo';
	readonly pass: 'demo-password';
	readonly smsusername: 'reseller';
	readonly smspassword: 'reseller-password';
	readonly mms: {
		readonly id: 'C00000_001';
		readonly password: 'mms-password';
		readonly auth: 'plain';
	};
	readonly rcpt: '+393400000000';
	readonly sharecode: '001';
};
