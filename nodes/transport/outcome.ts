/**
 * Whether a failed request may have reached the gateway and been acted on.
 *
 * A send is "not sent" only on proof: the gateway said so itself, or the request provably
 * never left n8n. Everything else that happens once the request may have been written — a
 * lost or cut-off reply, a timeout, a 5xx or an HTML page without a gateway error in it, a
 * reply that cannot be read — leaves the outcome unknown, and such a message is never sent
 * again automatically (not by the node, not by n8n's Retry On Fail, not by a re-run guarded by
 * the Duplicate Guard). This table is the only place that decides it.
 */
export type SendOutcome = 'notSent' | 'unknown';

export type FailureKind =
	| 'gatewayRefusal'
	| 'httpRefusal'
	| 'connectionRefused'
	| 'connectTimeout'
	| 'dnsFailure'
	| 'blockedByN8n'
	| 'cancelledBeforeSending'
	| 'refusedBeforeSending'
	| 'connectionLost'
	| 'timeout'
	| 'httpServerError'
	| 'htmlPage'
	| 'emptyReply'
	| 'unreadableReply'
	| 'replyTooLarge'
	| 'cancelledInFlight'
	| 'unexpectedError';

export interface OutcomeRule {
	outcome: SendOutcome;
	/** Why, in words a reviewer can check against the gateway documents and HTTP semantics. */
	because: string;
}

export const SEND_OUTCOMES: Readonly<Record<FailureKind, OutcomeRule>> = Object.freeze({
	gatewayRefusal: {
		outcome: 'notSent',
		because:
			'The gateway answered with its own error (a MobilePronto return code other than 000, a smSend "KO …" reply, a SOAP fault): it read the request and refused it.',
	},
	httpRefusal: {
		outcome: 'notSent',
		because:
			'An HTTP 3xx or 4xx status without a gateway reply: the server declined or redirected the request without carrying it out (RFC 9110 §15.4, §15.5), e.g. a wrong path (404), a refused login (401/403) or a rate limit (429).',
	},
	connectionRefused: {
		outcome: 'notSent',
		because: 'The connection was refused: no byte of the request was written.',
	},
	connectTimeout: {
		outcome: 'notSent',
		because: 'The connection could not be opened in time: no byte of the request was written.',
	},
	dnsFailure: {
		outcome: 'notSent',
		because: 'The gateway host name could not be resolved: no connection was opened.',
	},
	blockedByN8n: {
		outcome: 'notSent',
		because: "n8n's outbound-request (SSRF) policy refused the address before connecting.",
	},
	cancelledBeforeSending: {
		outcome: 'notSent',
		because: 'The execution was cancelled before this request was started.',
	},
	refusedBeforeSending: {
		outcome: 'notSent',
		because:
			'The node refused to build the request (a value the gateway cannot receive, such as a character its text encoding cannot carry).',
	},
	connectionLost: {
		outcome: 'unknown',
		because:
			'The connection closed or was reset after the request may have been written, before the whole reply arrived (a lost or cut-off reply).',
	},
	timeout: {
		outcome: 'unknown',
		because: 'No complete reply in time: the gateway may have acted on the request.',
	},
	httpServerError: {
		outcome: 'unknown',
		because:
			'An HTTP 5xx without a gateway error in it may come from a proxy or the gateway front end after the gateway acted.',
	},
	htmlPage: {
		outcome: 'unknown',
		because:
			'An HTML page instead of an API reply (a proxy, login or error page) says nothing about whether the request reached the gateway.',
	},
	emptyReply: {
		outcome: 'unknown',
		because: 'An empty reply says nothing about what the gateway did.',
	},
	unreadableReply: {
		outcome: 'unknown',
		because:
			'A reply that cannot be read (malformed or cut-off XML, an unknown shape) came after the request reached the server.',
	},
	replyTooLarge: {
		outcome: 'unknown',
		because: 'The reply was refused for its size after the request reached the server.',
	},
	cancelledInFlight: {
		outcome: 'unknown',
		because: 'The execution was cancelled while the request was on its way: it may have been sent.',
	},
	unexpectedError: {
		outcome: 'unknown',
		because: 'Any other failure once the request may have left n8n.',
	},
});

export function outcomeOf(failure: FailureKind): SendOutcome {
	return SEND_OUTCOMES[failure].outcome;
}

/** Whether the request behind this failure may have been acted on by the gateway. */
export function mayHaveBeenSent(failure: FailureKind): boolean {
	return outcomeOf(failure) === 'unknown';
}
