import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	NodeEgressFilter,
} from 'n8n-workflow';
import path from 'node:path';
import { Agent, EnvHttpProxyAgent, request } from 'undici';

import type { HttpSender } from './request';
import { n8nSender } from './request';

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
	egress: NodeEgressFilter | undefined,
	connections: number,
	signal?: AbortSignal,
): SendTransport {
	// Without a filter (n8n 1.x, see openSender): direct connections, no policy to check.
	const dispatcher = egress
		? new EnvHttpProxyAgent({ connections, connect: { lookup: egress.createSecureLookup() } })
		: new Agent({ connections });
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

/** The major version of the n8n running this node (its own package.json); undefined if unknown. */
export function n8nMajorVersion(main = require.main?.filename): number | undefined {
	try {
		if (!main) return undefined;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const pkg = require(path.join(path.dirname(main), '..', 'package.json')) as {
			name?: string;
			version?: string;
		};
		return pkg.name === 'n8n' ? Number(String(pkg.version).split('.')[0]) : undefined;
	} catch {
		return undefined;
	}
}

/** The variables n8n 1.x's request helper reads for its proxy (proxy-from-env), either case. */
const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy'].flatMap((name) => [
	name,
	`npm_config_${name}`,
]);

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
	return [...PROXY_VARIABLES, 'npm_config_proxy'].some(
		(name) => !!(env[name] || env[name.toUpperCase()]),
	);
}

/**
 * The sender for one run: pooled connections when the operation asks for them and n8n
 * offers its egress filter, otherwise n8n's request helper for every request.
 *
 * n8n 1.x offers no egress filter, and has no outbound-request (SSRF) policy either: its
 * request helper connects wherever it is asked, directly or through the proxy in its proxy
 * variables. There the run's connections are pooled too, unless a proxy variable is set (then
 * n8n's helper keeps reading them its own way). n8n 2.x versions without the filter may have
 * the policy (2.12 and later), so they keep the helper.
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
	if (reuse?.reuseConnections && n8nMajorVersion() === 1 && !proxyConfigured())
		return pooledSender(undefined, reuse.concurrency, context.getExecutionCancelSignal?.());
	return { send: n8nSender(context, credentialType, credentials), close: async () => {} };
}
