import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	NodeEgressFilter,
} from 'n8n-workflow';
import path from 'node:path';

import { Agent, request } from 'undici';

/** Anything that can put an HTTP request on the wire and return the raw reply. */
export type HttpSender = (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;

type RequestingContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/**
 * Sends through n8n, so its proxy, outbound (SSRF) policy and tracing apply. When the node
 * already holds the decrypted credential, it is handed over so n8n does not load and
 * decrypt it again for every request of a bulk send.
 */
export function n8nSender(
	context: RequestingContext,
	credentialType: string,
	credentials?: ICredentialDataDecryptedObject,
): HttpSender {
	const reference = context.getNode().credentials?.[credentialType];
	const additional =
		credentials && reference
			? {
					credentialsDecrypted: {
						id: reference.id ?? '',
						name: reference.name,
						type: credentialType,
						data: credentials,
					},
				}
			: undefined;
	return async (options) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			options,
			additional,
		)) as IN8nHttpFullResponse;
}

/** Credential tests only get n8n's legacy request helper. */
export function credentialTestSender(context: ICredentialTestFunctions): HttpSender {
	return async (options) => {
		const response = (await context.helpers.request({
			method: options.method,
			uri: options.url,
			headers: options.headers,
			body: options.body,
			timeout: options.timeout,
			encoding: null,
			// The reply is read as a stream with a byte cap (exchange), never buffered whole.
			useStream: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
		})) as IN8nHttpFullResponse;
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
	};
}

/** A gateway client opened for one run, and how to release its connections afterwards. */
export interface OpenedClient<Client> {
	client: Client;
	/** Drops any pooled connections. Call once every request of the run has settled. */
	close(): Promise<void>;
}

export interface SendTransport {
	send: HttpSender;
	/** Drops any pooled connections. Call once every request of the run has settled. */
	close(): Promise<void>;
}

/** n8n versions before the egress filter existed do not offer it to nodes. */
export function egressFilterOf(context: IExecuteFunctions): NodeEgressFilter | undefined {
	const helpers = context.helpers as Partial<
		Pick<IExecuteFunctions['helpers'], 'getSecureEgressFilter'>
	>;
	return typeof helpers.getSecureEgressFilter === 'function'
		? helpers.getSecureEgressFilter()
		: undefined;
}

/** The User-Agent n8n's request helper sends unless n8n is told to enforce another. */
export const N8N_USER_AGENT = 'n8n';

/**
 * A sender that keeps up to `connections` connections per gateway open for a whole run.
 *
 * n8n's request helper builds a new HTTP agent, and so a new connection, for every request,
 * which caps a bulk send at a few hundred messages per second whatever the concurrency. n8n
 * hands nodes that need their own client the egress filter it applies itself: each address is
 * checked before the first request to it, and every connection resolves its host through n8n's
 * checking lookup. Only used where it sends exactly what n8n's helper would (see openSender):
 * no proxy, n8n's own User-Agent, no evaluation mock. Redirects are not followed.
 */
export function pooledSender(
	egress: NodeEgressFilter | undefined,
	connections: number,
	signal?: AbortSignal,
): SendTransport {
	// Without a filter (n8n 1.x, which has no outbound-request policy): direct connections.
	const dispatcher = new Agent({
		connections,
		...(egress ? { connect: { lookup: egress.createSecureLookup() } } : {}),
	});
	const admitted = new Map<string, Promise<void>>();
	const admit = async (url: URL) => {
		if (!egress) return;
		let check = admitted.get(url.host);
		if (!check) {
			check = egress.validateUrl(url).then((verdict) => {
				if (!verdict.ok) throw verdict.error;
			});
			admitted.set(url.host, check);
		}
		await check;
	};

	const send: HttpSender = async (options) => {
		const url = new URL(options.url);
		await admit(url);
		const response = await request(url, {
			dispatcher,
			method: options.method ?? 'GET',
			headers: { 'User-Agent': N8N_USER_AGENT, ...(options.headers as Record<string, string>) },
			body: options.body as string | Buffer | undefined,
			headersTimeout: options.timeout,
			bodyTimeout: options.timeout,
			signal,
		});
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
	};

	return {
		send,
		// Anything still open belongs to a request whose caller has given up on it (deadline).
		close: async () => await dispatcher.destroy(),
	};
}

/** How a send operation wants its requests carried (one connection per concurrent send); reads leave it out. */
export interface ConnectionReuse {
	reuseConnections: boolean;
	concurrency: number;
}

/**
 * The sender for one run: pooled connections only where they carry a request exactly as n8n's
 * request helper would, otherwise the helper itself for every request. The helper is kept:
 * - in an evaluation run, where the helper answers from n8n's evaluation mock (an evaluation
 *   must never send a real SMS);
 * - when a proxy is configured (n8n forwards http:// requests to it by absolute URI and tunnels
 *   https://, reading the same variables as proxy-from-env);
 * - when n8n is told to send its own User-Agent (N8N_ENFORCE_GLOBAL_USER_AGENT);
 * - on n8n 2.x versions that do not offer nodes their egress filter, as they may still apply an
 *   outbound-request (SSRF) policy. n8n 1.x has no such policy: there the pool connects directly.
 */
export function openSender(
	context: IExecuteFunctions,
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	reuse?: ConnectionReuse,
): SendTransport {
	const helper = { send: n8nSender(context, credentialType, credentials), close: async () => {} };
	if (!reuse?.reuseConnections || needsN8nHelper(context)) return helper;
	const signal = context.getExecutionCancelSignal?.();
	const egress = egressFilterOf(context);
	if (egress) return pooledSender(egress, reuse.concurrency, signal);
	if (n8nMajorVersion() === 1) return pooledSender(undefined, reuse.concurrency, signal);
	return helper;
}

/** n8n's execution context keeps the evaluation mock in its (not public) additional data. */
interface WithAdditionalData {
	additionalData?: { evalLlmMockHandler?: unknown };
}

/** Whether this is an evaluation run, whose requests n8n's evaluation mock answers. */
export function isEvaluationRun(context: IExecuteFunctions): boolean {
	return (
		context.getMode() === 'evaluation' ||
		(context as unknown as WithAdditionalData).additionalData?.evalLlmMockHandler !== undefined
	);
}

/** Whether only n8n's own request helper sends this run's requests as n8n would. */
export function needsN8nHelper(context: IExecuteFunctions, env = process.env): boolean {
	return isEvaluationRun(context) || proxyConfigured(env) || userAgentEnforced(env);
}

/**
 * The variables n8n reads for its proxy: n8n 2.x's HTTP client (HTTP_PROXY, HTTPS_PROXY,
 * ALL_PROXY) and n8n 1.x's (proxy-from-env: the same, npm_config_* too), either case.
 */
const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy', 'proxy'].flatMap((name) => [
	name,
	`npm_config_${name}`,
]);

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
	return PROXY_VARIABLES.some((name) => !!(env[name] || env[name.toUpperCase()]));
}

/** n8n 2.x sends another User-Agent than "n8n" only when this setting is on. */
export function userAgentEnforced(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.N8N_ENFORCE_GLOBAL_USER_AGENT === 'true' || !!env.N8N_ENFORCE_GLOBAL_USER_AGENT_FILE;
}

/** The major version of the n8n running this node (its own package.json); undefined if unknown. */
export function n8nMajorVersion(main = require.main?.filename): number | undefined {
	try {
		if (!main) return undefined;
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's own package.json, found at run time
		const pkg = require(path.join(path.dirname(main), '..', 'package.json')) as {
			name?: string;
			version?: string;
		};
		return pkg.name === 'n8n' ? Number(String(pkg.version).split('.')[0]) : undefined;
	} catch {
		// Not started by n8n's own bin (a test runner, a script): unknown.
		return undefined;
	}
}
