import {
	DataDeduplicationService,
	ErrorReporter,
	ExecutionLifecycleHooks,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	INodeCredentialsDetails,
	INodeParameters,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';

import { MobileProntoApi } from '../../credentials/MobileProntoApi.credentials';
import { SmSendApi } from '../../credentials/SmSendApi.credentials';
import { MobilePronto } from '../../nodes/MobilePronto/MobilePronto.node';
import { SmSend } from '../../nodes/SmSend/SmSend.node';
import { SmSendTrigger } from '../../nodes/SmSend/SmSendTrigger.node';
import { MemoryDeduplicator } from './memoryDeduplicator';

export const PACKAGE = 'n8n-nodes-mobilepronto-smsend';

/**
 * What n8n (its logger and error reporter) would have written to its log during the runs, so tests
 * can check it (no credential value may appear there) without printing it.
 */
export const n8nLog: string[] = [];
const capturingLogger = {
	error: (message: string) => n8nLog.push(`error: ${message}`),
	warn: (message: string) => n8nLog.push(`warn: ${message}`),
	info: (message: string) => n8nLog.push(`info: ${message}`),
	debug: (message: string) => n8nLog.push(`debug: ${message}`),
	scoped: () => capturingLogger,
};
// n8n-core may carry its own copies of @n8n/di and @n8n/backend-common; the logger
// must be registered in the container n8n-core itself uses.
// The module's path is known only at run time (resolved from n8n-core), which an import cannot name.
const fromN8nCore = (name: string) =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require(require.resolve(name, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromN8nCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = fromN8nCore('@n8n/backend-common') as {
	Logger: new (...args: never[]) => unknown;
};
Container.set(Logger, capturingLogger);
Container.set(ErrorReporter, new ErrorReporter(capturingLogger as never, {} as never));

/** n8n's deduplication store (the Duplicate Guard's memory), shared by every run of a test file. */
export const deduplicationStore = new MemoryDeduplicator();
void DataDeduplicationService.init(deduplicationStore);

const NODE_TYPES: Record<string, INodeType> = {
	[`${PACKAGE}.mobilePronto`]: new MobilePronto(),
	[`${PACKAGE}.smSend`]: new SmSend(),
	[`${PACKAGE}.smSendTrigger`]: new SmSendTrigger(),
};

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	mobileProntoApi: new MobileProntoApi(),
	smSendApi: new SmSendApi(),
};

class TestNodeTypes implements INodeTypes {
	constructor(private readonly overrides: Record<string, INodeType> = {}) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		const nodeType = this.overrides[type] ?? NODE_TYPES[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type) as INodeType;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Serves credentials from memory the way n8n's CredentialsHelper serves decrypted ones. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		if (typeof type?.authenticate === 'function')
			return await type.authenticate(credentials, requestOptions);
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return CREDENTIAL_TYPES[Object.keys(CREDENTIAL_TYPES)[0]].properties;
	}
}

export interface RunNodeOptions {
	/** Node type without the package prefix, e.g. 'mobilePronto'. */
	type: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	items?: IDataObject[];
	/** Input items given whole, e.g. with binary data; takes precedence over `items`. */
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The workflow's static data from an earlier run (e.g. RunNodeResult.staticData). */
	staticData?: IDataObject;
	/** The node's Settings tab: Retry On Fail and On Error, as a user sets them. */
	settings?: NodeSettings;
	/**
	 * More runs of the node in the same execution, after the first, each with its own input
	 * items (as Loop Over Items or an agent's repeated tool calls produce): run index 1, 2, ….
	 */
	laterRuns?: IDataObject[][];
	/** Called before every call of the node's execute (each try of each run), with its number from 1. */
	onTry?: (tryNumber: number) => void | Promise<void>;
	/** Receives a function that cancels the execution, as the editor's Stop button does. */
	onStart?: (cancel: () => void) => void;
	/** Defaults to 'execution-under-test'. */
	executionId?: string;
	/** Called with n8n's additionalData before the run, e.g. to set an evaluation mock handler. */
	configureAdditionalData?: (additionalData: IWorkflowExecuteAdditionalData) => void;
	/** The node's typeVersion, as saved in the workflow; default 1. */
	typeVersion?: number;
}

export interface NodeSettings {
	retryOnFail?: boolean;
	maxTries?: number;
	/** Milliseconds; n8n turns 0 into 1000, so tests use 1 for no wait. */
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface RunNodeResult {
	run: IRun;
	/** Output items of the node (main output 0, first run), empty when the node failed. */
	items: INodeExecutionData[];
	/** Items of the error output (main output 1) with On Error → "Continue (using error output)". */
	errorItems: INodeExecutionData[];
	/** Output 0 of every run of the node, in run order. */
	runOutputs: INodeExecutionData[][];
	/** How many times n8n called the node's execute (tries × runs). */
	tries: number;
	/** Settles once every call of the node's execute has settled (a cancelled run ends before them). */
	settled: Promise<void>;
	/** The error the node (and so the workflow) stopped with, if any. */
	error?: Error & { description?: string; context?: IDataObject; errorResponse?: IDataObject };
	/** The workflow's static data after the run, as n8n would store it. */
	staticData: IDataObject;
}

/**
 * Runs one node inside a real n8n-core workflow execution, fed with `items`, and
 * returns what n8n recorded for it. Requests go over real HTTP through n8n's helpers.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeName = 'Node Under Test';
	const credentialTypes = Object.keys(options.credentials);
	const node: INode = {
		id: 'c0ffee00-0000-4000-8000-000000000001',
		name: nodeName,
		type: `${PACKAGE}.${options.type}`,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			credentialTypes.map((type) => [type, { id: `cred-${type}`, name: type }]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.settings ?? {}),
	};
	const nodeType = `${PACKAGE}.${options.type}`;
	const original = NODE_TYPES[nodeType];
	let tries = 0;
	const calls: Array<Promise<unknown>> = [];
	const instrumented: INodeType = {
		description: original.description,
		methods: original.methods,
		async execute(this: IExecuteFunctions) {
			tries += 1;
			await options.onTry?.(tries);
			const call = original.execute!.call(this);
			calls.push(call.catch(() => undefined));
			return await call;
		},
	};
	const workflow = new Workflow({
		id: 'workflow-under-test',
		name: 'Workflow under test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [nodeType]: instrumented }),
		settings: {},
		staticData: JSON.parse(JSON.stringify(options.staticData ?? {})),
	});
	const executionId = options.executionId ?? 'execution-under-test';

	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'workflow-under-test',
		name: 'Workflow under test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
		settings: {},
		activeVersionId: null,
	} as never);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const additionalData = {
		hooks,
		executionId,
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		executeWorkflow: async () => {
			throw new Error('not used in tests');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		variables: {},
		currentNodeParameters: undefined,
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	options.configureAdditionalData?.(additionalData);

	const inputItems: INodeExecutionData[] =
		options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [inputItems] }, source: null },
				...(options.laterRuns ?? []).map((items) => ({
					node,
					data: { main: [items.map((json) => ({ json }))] },
					source: null,
				})),
			],
		},
	});

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const processing = execution.processRunExecutionData(workflow);
	options.onStart?.(() => processing.cancel());
	// A cancelled execution reports through its hook and may leave `processing` pending.
	processing.catch(() => {});
	const run = await finished;

	const tasks = run.data.resultData.runData[nodeName] ?? [];
	const task = tasks[0];
	const items = task?.data?.main?.[0] ?? [];
	const errorItems = task?.data?.main?.[1] ?? [];
	const error = (task?.error ?? run.data.resultData.error) as RunNodeResult['error'];
	return {
		run,
		items,
		errorItems,
		runOutputs: tasks.map((t) => t?.data?.main?.[0] ?? []),
		tries,
		settled: Promise.all(calls).then(() => undefined),
		error,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)),
	};
}

export interface PollOptions {
	type: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	mode?: 'trigger' | 'manual';
	/** The workflow's static data as n8n would have stored it after the previous poll. */
	staticData?: IDataObject;
	/** The trigger's typeVersion, as saved in the workflow; default 1. */
	typeVersion?: number;
}

export interface PollResult {
	items: INodeExecutionData[];
	/** Static data after the poll, as n8n would store it (a JSON copy). */
	staticData: IDataObject;
	error?: Error & { description?: string };
}

/**
 * A polling trigger activated the way n8n's in-memory poller activates it: one Workflow (with
 * its static data) and one PollContext for every poll of the activation, as n8n-core's
 * ActiveWorkflowTriggers shares them between the activation poll and the scheduled ones, so
 * polls may overlap. `poll()` runs one poll; several may be in flight at once.
 */
export function activatePollTrigger(options: PollOptions): {
	poll(): Promise<PollResult>;
	/** The shared static data, as n8n would store it now (a JSON copy). */
	staticData(): IDataObject;
} {
	const node: INode = {
		id: 'c0ffee00-0000-4000-8000-000000000002',
		name: 'Trigger Under Test',
		type: `${PACKAGE}.${options.type}`,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: `cred-${type}`, name: type }]),
		),
	};
	const workflow = new Workflow({
		id: 'workflow-under-test',
		name: 'Workflow under test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new TestNodeTypes(),
		settings: {},
		staticData: JSON.parse(JSON.stringify(options.staticData ?? {})),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		variables: {},
		instanceBaseUrl: 'http://127.0.0.1:5678/',
	} as unknown as IWorkflowExecuteAdditionalData;
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
	);
	const trigger = NODE_TYPES[node.type];
	const staticData = () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	return {
		staticData,
		async poll() {
			let items: INodeExecutionData[] = [];
			let error: PollResult['error'];
			try {
				const result = await trigger.poll!.call(context);
				items = result?.[0] ?? [];
			} catch (caught) {
				error = caught as PollResult['error'];
			}
			return { items, staticData: staticData(), error };
		},
	};
}

/**
 * Runs one poll of a polling trigger with n8n-core's PollContext, the way n8n's poll
 * scheduler calls it. Each call builds a fresh Workflow from the stored static data, so a
 * sequence of calls behaves like polls across n8n restarts.
 */
export async function pollTrigger(options: PollOptions): Promise<PollResult> {
	return await activatePollTrigger(options).poll();
}
