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
import { EnvHttpProxyAgent, request } from 'undici';

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

/**
 * A sender that keeps up to `connections` connections per gateway open for a whole run.
 *
 * n8n's request helper builds a new HTTP agent, and so a new connection, for every request,
 * which caps a bulk send at a few hundred messages per second whatever the concurrency. n8n
 * hands nodes that need their own client the egress filter it applies itself: each address is
 * checked before the first request to it, and every connection resolves its host through n8n's
 * checking lookup. Proxies come from the same environment variables n8n reads (HTTP_PROXY,
 * HTTPS_PROXY, NO_PROXY). Redirects are not followed.
 */
export function pooledSender(
	egress: NodeEgressFilter,
	connections: number,
	signal?: AbortSignal,
): SendTransport {
	const dispatcher = new EnvHttpProxyAgent({
		connections,
		connect: { lookup: egress.createSecureLookup() },
	});
	const admitted = new Map<string, Promise<void>>();
	const admit = async (url: URL) => {
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
			headers: { 'User-Agent': 'n8n', ...(options.headers as Record<string, string>) },
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
 * The sender for one run: pooled connections when the operation asks for them and n8n
 * offers its egress filter, otherwise n8n's request helper for every request.
 */
export function openSender(
	context: IExecuteFunctions,
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	reuse?: ConnectionReuse,
): SendTransport {
	const egress = reuse?.reuseConnections ? egressFilterOf(context) : undefined;
	if (egress && reuse)
		return pooledSender(egress, reuse.concurrency, context.getExecutionCancelSignal?.());
	return { send: n8nSender(context, credentialType, credentials), close: async () => {} };
}
