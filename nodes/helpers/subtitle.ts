import type { INodeProperties } from 'n8n-workflow';

interface Choice {
	name: string;
	value: string;
}

function choices(property: INodeProperties | undefined): Choice[] {
	return (property?.options ?? []).flatMap((option) =>
		'value' in option && typeof option.value === 'string'
			? [{ name: option.name, value: option.value }]
			: [],
	);
}

/**
 * The node's subtitle: the chosen operation and resource by the names the form shows
 * ("Get Many Messages: Inbox"), in n8n's "operation: resource" order. n8n's usual
 * `$parameter["operation"] + ": " + $parameter["resource"]` would show the internal values
 * ("getMessages: inbox"), so the expression looks the names up in a table built from the
 * resource and operation options.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resources = choices(properties.find((property) => property.name === 'resource'));
	const names: Record<string, string> = {};
	for (const resource of resources) {
		const operations = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of choices(operations))
			names[`${resource.value}:${operation.value}`] = `${operation.name}: ${resource.name}`;
	}
	return `={{ (${JSON.stringify(names)})[$parameter["resource"] + ":" + $parameter["operation"]] || "" }}`;
}
