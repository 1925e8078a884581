import type { INodeProperties } from 'n8n-workflow';

import { customFields } from './shape';

/** Custom Fields of a collection: name/value pairs sent as DevRev's custom_fields. */
export function customFieldsEntry(collection: string, noun: string): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: `Tenant custom fields of the ${noun} to set, by their API name`,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. tnt__region',
						description:
							'API name of the custom field, as DevRev shows it: tnt__ followed by its name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. EMEA',
						description:
							'Value to set; use an expression for numbers, booleans or lists, e.g. {{ 42 }}',
					},
				],
			},
		],
		routing: {
			send: { preSend: [customFields(`${collection}.customFields.field`, 'Custom Fields')] },
		},
	};
}
