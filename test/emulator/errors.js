// @ts-check
'use strict';

/**
 * Error bodies follow DevRev's OpenAPI `error-*` schemas: always `{type, message, ...extras}`.
 * Throw an ApiError anywhere inside a handler; the server turns it into the HTTP answer.
 */
class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {string} type
	 * @param {string} message
	 * @param {Record<string, unknown>} [extras]
	 */
	constructor(status, type, message, extras = {}) {
		super(message);
		this.status = status;
		this.type = type;
		this.extras = extras;
	}

	/** @returns {Record<string, unknown>} */
	toBody() {
		return { type: this.type, message: this.message, ...this.extras };
	}
}

const err = {
	/** @param {string} message */
	badRequest: (message) => new ApiError(400, 'bad_request', message),
	/** @param {string} message */
	parseError: (message) => new ApiError(400, 'parse_error', message),
	/** @param {string} field @param {string} message */
	invalidField: (field, message) =>
		new ApiError(400, 'invalid_field', message, { field_name: field }),
	/** @param {string} field @param {string} message */
	invalidId: (field, message) => new ApiError(400, 'invalid_id', message, { field_name: field }),
	/** @param {string} field @param {string} message */
	unexpectedIdType: (field, message) =>
		new ApiError(400, 'unexpected_id_type', message, { field_name: field }),
	/** @param {string} field @param {string} reason @param {string[]} [allowed] */
	valueNotPermitted: (field, reason, allowed) =>
		new ApiError(400, 'value_not_permitted', `field "${field}": ${reason}`, {
			field_name: field,
			reason,
			...(allowed ? { allowed_values: allowed } : {}),
		}),
	/** @param {string} field */
	missingField: (field) =>
		new ApiError(400, 'missing_required_field', `missing required field "${field}"`, {
			field_name: field,
		}),
	/** @param {string} field @param {unknown} value @param {string[]} allowed */
	invalidEnum: (field, value, allowed) =>
		new ApiError(
			400,
			'invalid_enum_value',
			`invalid value ${JSON.stringify(value)} for field "${field}"; allowed values: ${allowed.join(', ')}`,
			{
				field_name: field,
				value: typeof value === 'string' ? value : JSON.stringify(value),
				allowed_values: allowed,
			},
		),
	/** @param {string} message */
	unauthenticated: (message) => new ApiError(401, 'unauthenticated', message),
	/** @param {string} message */
	forbidden: (message) => new ApiError(403, 'forbidden', message),
	/** @param {string} message */
	notFound: (message) => new ApiError(404, 'not_found', message),
	/** @param {string} message */
	conflict: (message) => new ApiError(409, 'conflict', message),
};

module.exports = { ApiError, err };
