import type { INodeProperties, INodePropertyCollection, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/*
 * What a saved workflow depends on in a node's form: for each resource and operation, the
 * parameters a node of one version shows, with their names, types, defaults and option values
 * (and the same for the fields of their collections). Display names, descriptions, hints,
 * placeholders and notices are left out: they are wording, free to change.
 */

export interface ParameterShape {
	name: string;
	type: string;
	default: unknown;
	/** Other conditions than resource, operation and version under which it shows. */
	when?: unknown;
	values?: unknown[];
	fields?: ParameterShape[];
}

type Show = Record<string, unknown[] | undefined>;

function shapeOf(property: INodeProperties, when?: Show): ParameterShape {
	const options = property.options ?? [];
	const isField = (option: unknown): option is INodeProperties =>
		typeof option === 'object' && option !== null && 'type' in option;
	const isGroup = (option: unknown): option is INodePropertyCollection =>
		typeof option === 'object' && option !== null && 'values' in option;
	return {
		name: property.name,
		type: property.type,
		default: property.default,
		...(when && Object.keys(when).length > 0 ? { when } : {}),
		...(['options', 'multiOptions'].includes(property.type)
			? { values: options.map((option) => ('value' in option ? option.value : undefined)) }
			: {}),
		...(property.type === 'collection'
			? {
					fields: options
						.filter(isField)
						.map((field) => shapeOf(field, field.displayOptions?.show)),
				}
			: {}),
		...(property.type === 'fixedCollection'
			? {
					fields: options.filter(isGroup).map((group) => ({
						name: group.name,
						type: 'group',
						default: undefined,
						fields: group.values.map((field) => shapeOf(field)),
					})),
				}
			: {}),
	};
}

/** Whether the property's `@version` condition (if any) lets a node of `version` show it. */
function shownInVersion(property: INodeProperties, version: number): boolean {
	const condition = property.displayOptions?.show?.['@version'];
	if (condition === undefined) return true;
	return NodeHelpers.checkConditions(condition, [version]);
}

/** resource → operation → the parameters a node of `version` shows for it ('' for a trigger). */
export function parameterShapes(
	description: INodeTypeDescription,
	version: number,
): Record<string, ParameterShape[]> {
	const properties = description.properties;
	const resources = properties
		.find((property) => property.name === 'resource')
		?.options?.map((option) => ('value' in option ? String(option.value) : '')) ?? [''];
	const shapes: Record<string, ParameterShape[]> = {};
	for (const resource of resources) {
		const operations =
			resource === ''
				? ['']
				: (properties
						.find(
							(property) =>
								property.name === 'operation' &&
								property.displayOptions?.show?.resource?.includes(resource),
						)
						?.options?.map((option) => ('value' in option ? String(option.value) : '')) ?? []);
		for (const operation of operations) {
			shapes[`${resource}:${operation}`] = properties
				.filter((property) => {
					if (property.type === 'notice' || !shownInVersion(property, version)) return false;
					const show = property.displayOptions?.show;
					if (resource !== '' && show?.resource && !show.resource.includes(resource)) return false;
					if (operation !== '' && show?.operation && !show.operation.includes(operation))
						return false;
					return true;
				})
				.map((property) => {
					const {
						resource: _r,
						operation: _o,
						'@version': _v,
						...when
					} = (property.displayOptions?.show ?? {}) as Show;
					return shapeOf(property, when);
				});
		}
	}
	return shapes;
}
