/**
 * What the editor should show for this package, derived from the built package itself
 * (`dist/nodes/**\/*.node.js`, `dist/credentials/*.credentials.js`) and never hard-coded: display
 * names, descriptions, icons, the actions the node creator lists and the parameters each
 * operation's panel shows. Every built node file counts, whether or not the package.json `n8n`
 * block lists it, so a node missing from that block is missing in the editor and fails the test.
 *
 * The node creator's items and actions follow n8n's own rules (n8n 2.40.7,
 * packages/frontend/editor-ui/.../nodeCreator/composables/useActionsGeneration.ts):
 * - a resource × operation node gets one action per operation option, named by its `action`
 *   (else "<Resource> <Operation>");
 * - a trigger without an "Event" property gets one placeholder action, "On new <name> event";
 * - a trigger whose type is an app node's type plus "Trigger" is merged into that app's item:
 *   the item keeps the app's name and icon, lists both nodes' actions, and shows the trigger's
 *   description.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	NodeHelpers,
	type ICredentialType,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME: string = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
).name;

export interface Icon {
	/** As the editor requests it: /icons/<package>/<path inside the package>. */
	url: string;
	/** The file in dist/ it must be. */
	file: string;
}

export interface BuiltNode {
	/** dist-relative path of the built file, e.g. dist/nodes/SmSend/SmSend.node.js */
	file: string;
	/** n8n type name: <package>.<name> */
	type: string;
	description: INodeTypeDescription;
	icons: Icon[];
	isTrigger: boolean;
}

export interface Action {
	/** The text the node creator shows. */
	name: string;
	node: BuiltNode;
	/** Parameter values the action sets (resource, operation). */
	values: INodeParameters;
	/** Labels of the top-level parameters its panel shows, by parameter name. */
	parameters: Array<{ name: string; displayName: string; type: INodeProperties['type'] }>;
	/** The option names its panel shows for the values it sets, e.g. Resource "SMS". */
	selected: Array<{ name: string; option: string }>;
}

export interface CreatorItem {
	displayName: string;
	description: string;
	icon: Icon;
	/** Nodes shown through this item (an app node and its trigger when n8n merges them). */
	nodes: BuiltNode[];
	actions: Action[];
}

export interface BuiltCredential {
	file: string;
	type: ICredentialType;
	icons: Icon[];
}

function findFiles(dir: string, suffix: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return findFiles(p, suffix);
		return e.name.endsWith(suffix) ? [p] : [];
	});
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** `file:` icons resolved against the built file, as n8n's loader does. */
function iconsOf(icon: unknown, builtFile: string): Icon[] {
	const paths =
		typeof icon === 'string'
			? [icon]
			: icon && typeof icon === 'object'
				? Object.values(icon as Record<string, string>)
				: [];
	return paths
		.filter((p) => p.startsWith('file:'))
		.map((p) => {
			const file = relative(path.resolve(path.dirname(builtFile), p.slice('file:'.length)));
			return { url: `/icons/${PACKAGE_NAME}/${file}`, file };
		});
}

/** Instances of every class a built file exports (a versioned node: its default version). */
function instances(file: string): unknown[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(file) as Record<string, unknown>;
	return Object.values(mod)
		.filter((v): v is new () => unknown => typeof v === 'function')
		.map((C) => {
			try {
				return new C();
			} catch {
				return undefined;
			}
		})
		.filter(Boolean);
}

export function builtNodes(): BuiltNode[] {
	const files = findFiles(path.join(ROOT, 'dist', 'nodes'), '.node.js');
	if (!files.length) throw new Error('dist/nodes has no *.node.js: run npm run build first');
	return files.flatMap((file) =>
		instances(file).flatMap((inst) => {
			const node = inst as {
				description?: INodeTypeDescription;
				getNodeType?: () => { description: INodeTypeDescription };
			};
			if (!node.description) return [];
			const description = node.getNodeType
				? { ...node.description, ...node.getNodeType().description }
				: node.description;
			return [
				{
					file: relative(file),
					type: `${PACKAGE_NAME}.${description.name}`,
					description,
					icons: iconsOf(description.icon, file),
					isTrigger: description.group.includes('trigger'),
				},
			];
		}),
	);
}

export function builtCredentials(): BuiltCredential[] {
	return findFiles(path.join(ROOT, 'dist', 'credentials'), '.credentials.js').flatMap((file) =>
		instances(file)
			.filter((c): c is ICredentialType => typeof (c as ICredentialType).name === 'string')
			.map((type) => ({ file: relative(file), type, icons: iconsOf(type.icon, file) })),
	);
}

function startCase(text: string): string {
	return text
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join(' ');
}

function typeVersion(d: INodeTypeDescription): number {
	return d.defaultVersion ?? (Array.isArray(d.version) ? Math.max(...d.version) : d.version);
}

/** The top-level parameters the editor shows once `values` are set (n8n-workflow's own rules). */
function visibleParameters(node: BuiltNode, values: INodeParameters): Action['parameters'] {
	const d = node.description;
	const version = { typeVersion: typeVersion(d) };
	const all = NodeHelpers.getNodeParameters(d.properties, values, true, false, version, d) ?? {};
	const seen = new Set<string>();
	return d.properties
		.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(all, p, version, d))
		.filter((p) => !seen.has(p.name) && seen.add(p.name))
		.map((p) => ({ name: p.name, displayName: p.displayName, type: p.type }));
}

function action(node: BuiltNode, name: string, values: INodeParameters): Action {
	const parameters = visibleParameters(node, values);
	const version = { typeVersion: typeVersion(node.description) };
	const selected = Object.entries(values).flatMap(([field, value]) => {
		const property = node.description.properties.find(
			(p) => p.name === field && NodeHelpers.displayParameter(values, p, version, node.description),
		);
		const option = (property?.options as INodePropertyOptions[] | undefined)?.find(
			(o) => o.value === value,
		);
		return option ? [{ name: field, option: option.name }] : [];
	});
	return { name, node, values, parameters, selected };
}

function actionsOf(node: BuiltNode): Action[] {
	const d = node.description;
	const props = d.properties;
	const options = (p?: INodeProperties) =>
		((p?.options ?? []) as INodePropertyOptions[]).filter((o) => !['*', '', ' '].includes(o.name));
	if (d.displayName.toLowerCase().includes('trigger')) {
		const event = props.find((p) =>
			['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
		);
		if (!event?.options) {
			const app = d.displayName.replace('Trigger', '').trimEnd();
			return [action(node, `On new ${app} event`, {})];
		}
		return options(event).map((o) =>
			action(node, o.action ?? `On ${o.name}`, { [event.name]: o.value }),
		);
	}
	const resource = props.find((p) => p.name === 'resource');
	if (!resource) {
		const operation = props.find((p) => p.name.toLowerCase() === 'operation');
		return options(operation).map((o) =>
			action(node, o.action ?? startCase(o.name), { [operation!.name]: o.value }),
		);
	}
	const resources = options(resource);
	return resources.flatMap((r) => {
		const operation = props.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource?.includes(r.value) ?? resources.length === 1),
		);
		return options(operation).map((o) =>
			action(node, o.action ?? `${r.name} ${startCase(o.name)}`, {
				resource: r.value,
				operation: o.value,
			}),
		);
	});
}

/** The node creator's items for this package, with their actions. */
export function creatorItems(nodes = builtNodes()): CreatorItem[] {
	const item = (n: BuiltNode, actions: Action[]): CreatorItem => ({
		displayName: n.description.displayName,
		description: n.description.description,
		icon: n.icons[0],
		nodes: [n],
		actions,
	});
	const items = new Map<string, CreatorItem>();
	for (const n of nodes.filter((n) => !n.isTrigger)) items.set(n.type, item(n, actionsOf(n)));
	for (const trigger of nodes.filter((n) => n.isTrigger)) {
		const app = items.get(trigger.type.replace('Trigger', ''));
		const triggerActions = actionsOf(trigger);
		// n8n shows no actions list for a node with a single action: the item adds it directly.
		const shown = (list: Action[]) => (list.length <= 1 ? [] : list);
		if (app && app.actions.length > 0) {
			app.nodes.push(trigger);
			app.actions = shown([...app.actions, ...triggerActions]);
			app.description = trigger.description.description;
		} else {
			items.set(trigger.type, item(trigger, shown(triggerActions)));
		}
	}
	return [...items.values()];
}

/** Every action with the node it adds, including a node whose item adds it without a list. */
export function allActions(items = creatorItems()): Array<{ item: CreatorItem; action: Action }> {
	return items.flatMap((item) =>
		item.actions.length
			? item.actions.map((a) => ({ item, action: a }))
			: item.nodes.flatMap((n) => actionsOf(n).map((a) => ({ item, action: a }))),
	);
}
