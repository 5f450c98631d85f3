import type { IDisplayOptions, INode, INodeProperties } from 'n8n-workflow';

/*
 * Node versions. Parameter names, values and defaults are saved in workflows, so a change that
 * would alter what a saved node does is shown and applied only from the version that introduced
 * it; a saved node keeps the typeVersion it was created with and so keeps its behaviour.
 *
 * 1.1: Default Country and Gateway Time Zone are lists; MMS attachments are "Input Binary
 * Field"s defaulting to `data`; smSend's output `quality` is the quality's name ("high", with the
 * gateway's code in `qualityCode`); MobilePronto's `meaning` is in sentence case; SMS → Send
 * has Smart Encoding and Credit Pre-Flight on when their options are absent.
 */

/** The versions both nodes (and the trigger) accept; new nodes get the last one. */
export const NODE_VERSIONS = [1, 1.1];
export const DEFAULT_NODE_VERSION = 1.1;

/** The typeVersion of the running node, e.g. `if (nodeVersion(this) >= 1.1) …`. */
export function nodeVersion(context: { getNode(): INode }): number {
	return context.getNode().typeVersion;
}

/** displayOptions that show a property only from `version` on (n8n's `@version` condition). */
export function sinceVersion(version: number): IDisplayOptions {
	return { show: { '@version': [{ _cnd: { gte: version } }] } };
}

/** displayOptions that show a property only before `version`. */
export function beforeVersion(version: number): IDisplayOptions {
	return { show: { '@version': [{ _cnd: { lt: version } }] } };
}

/**
 * A property as versions before `version` show it and as `version` and later show it, under one
 * name, so that saved nodes keep their form and new ones get the new one.
 */
export function changedInVersion(
	version: number,
	before: INodeProperties,
	since: INodeProperties,
): INodeProperties[] {
	const merge = (property: INodeProperties, options: IDisplayOptions): INodeProperties => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...options.show },
		},
	});
	return [merge(before, beforeVersion(version)), merge(since, sinceVersion(version))];
}
