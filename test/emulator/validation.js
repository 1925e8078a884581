// @ts-check
'use strict';

const { err } = require('./errors');

/**
 * Field types of the request schemas (openapi-excerpt.yaml):
 * - 'string'              plain string
 * - 'string[]'            array of strings
 * - 'boolean'
 * - 'limit'               int32, must be 1..100
 * - 'mode'                list-mode enum: after | before
 * - 'date-time-filter'    {after?, before?} with RFC 3339 date-times
 * - 'object'              free-form object (custom_fields)
 * - 'create-association[]' array of {associated_to: string}
 * @typedef {'string'|'string[]'|'boolean'|'limit'|'mode'|'date-time-filter'|'object'|'create-association[]'} FieldType
 * @typedef {{ fields: Record<string, FieldType>, required?: string[] }} BodySchema
 */

const LIST = /** @type {Record<string, FieldType>} */ ({ cursor: 'string', limit: 'limit', mode: 'mode' });

/** Request schemas by route, with every field the spec defines (unknown fields are rejected). */
const SCHEMAS = /** @type {Record<string, BodySchema>} */ ({
  '/rev-users.scan': {
    fields: {
      associations: 'string[]', created_by: 'string[]', created_date: 'date-time-filter', cursor: 'string',
      custom_fields: 'object', email: 'string[]', external_ref: 'string[]', external_refs: 'string[]',
      is_verified: 'boolean', modified_date: 'date-time-filter', phone_numbers: 'string[]', rev_org: 'string[]',
      tags: 'string[]',
    },
  },
  '/rev-users.link': { fields: { id: 'string', rev_org: 'string', rev_org_don: 'string', user_don: 'string' } },
  '/rev-users.unlink': { fields: { id: 'string', rev_org: 'string', rev_org_don: 'string', user_don: 'string' } },
  '/rev-users.associations.list': { fields: { ...LIST, rev_user_id: 'string' }, required: ['rev_user_id'] },
  '/rev-users.associations.add': {
    fields: { associations: 'create-association[]', rev_user_id: 'string' },
    required: ['rev_user_id', 'associations'],
  },
  // Spec: the remove request's `associations` is an array of ID strings (not create-association objects).
  '/rev-users.associations.remove': {
    fields: { associations: 'string[]', rev_user_id: 'string' },
    required: ['rev_user_id', 'associations'],
  },
  '/sys-users.list': { fields: { ...LIST, sort_by: 'string[]' } },
  '/rev-orgs.list': {
    fields: {
      ...LIST, account: 'string[]', created_by: 'string[]', created_date: 'date-time-filter',
      custom_field_filter: 'string[]', custom_fields: 'object', display_name: 'string[]', external_ref: 'string[]',
      modified_date: 'date-time-filter', sort_by: 'string[]', tags: 'string[]',
    },
  },
  '/dev-users.self': { fields: {} },
  '/auth-tokens.info': { fields: {} },
});

const MODES = ['after', 'before'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {unknown} v */
function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Checks one value against its declared type and returns the normalised value.
 * @param {string} name @param {FieldType} type @param {unknown} v
 */
function checkField(name, type, v) {
  switch (type) {
    case 'string':
      if (typeof v !== 'string') throw err.invalidField(name, `field "${name}" must be a string, got ${describe(v)}`);
      return v;
    case 'string[]':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        throw err.invalidField(name, `field "${name}" must be an array of strings, got ${describe(v)}`);
      }
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw err.invalidField(name, `field "${name}" must be a boolean, got ${describe(v)}`);
      return v;
    case 'limit':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100) {
        throw err.invalidField(name, `field "${name}" must be an integer between 1 and 100, got ${JSON.stringify(v)}`);
      }
      return v;
    case 'mode':
      if (typeof v !== 'string' || !MODES.includes(v)) throw err.invalidEnum(name, v, MODES);
      return v;
    case 'object':
      if (!isObject(v)) throw err.invalidField(name, `field "${name}" must be an object, got ${describe(v)}`);
      return v;
    case 'date-time-filter': {
      if (!isObject(v)) throw err.invalidField(name, `field "${name}" must be an object {after?, before?}`);
      /** @type {{after?: string, before?: string}} */
      const out = {};
      for (const [k, d] of Object.entries(v)) {
        const sub = `${name}.${k}`;
        if (k !== 'after' && k !== 'before') throw err.invalidField(sub, `unknown field "${sub}"`);
        if (d === null || d === undefined) continue;
        if (typeof d !== 'string' || !DATE_TIME.test(d) || Number.isNaN(Date.parse(d))) {
          throw err.invalidField(sub, `field "${sub}" must be an RFC 3339 date-time, got ${JSON.stringify(d)}`);
        }
        out[k] = d;
      }
      return out;
    }
    case 'create-association[]': {
      if (!Array.isArray(v)) throw err.invalidField(name, `field "${name}" must be an array, got ${describe(v)}`);
      return v.map((a, i) => {
        if (!isObject(a)) throw err.invalidField(name, `${name}[${i}] must be an object {associated_to}`);
        for (const k of Object.keys(a)) {
          if (k !== 'associated_to') throw err.invalidField(`${name}.${k}`, `unknown field "${name}.${k}"`);
        }
        if (a.associated_to === undefined || a.associated_to === null) throw err.missingField(`${name}.associated_to`);
        if (typeof a.associated_to !== 'string') {
          throw err.invalidField(`${name}.associated_to`, `field "${name}.associated_to" must be a string`);
        }
        return { associated_to: a.associated_to };
      });
    }
    default:
      throw new Error(`unknown field type ${type}`);
  }
}

/**
 * Validates a parsed JSON body against a route schema. `null` values count as absent
 * (as a Go JSON decoder treats them); the returned object holds only the set fields.
 * @param {BodySchema} schema @param {unknown} body
 * @returns {Record<string, any>}
 */
function validateBody(schema, body) {
  if (!isObject(body)) throw err.badRequest(`request body must be a JSON object, got ${describe(body)}`);
  for (const key of Object.keys(body)) {
    if (!(key in schema.fields)) throw err.invalidField(key, `unknown field "${key}"`);
  }
  /** @type {Record<string, any>} */
  const out = {};
  for (const [key, type] of Object.entries(schema.fields)) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    out[key] = checkField(key, type, v);
  }
  for (const key of schema.required || []) {
    if (out[key] === undefined || out[key] === '') throw err.missingField(key);
  }
  return out;
}

/**
 * Turns GET query parameters into a body object (explode: false arrays as `a,b` or repeated
 * keys, date filters as `created_date.after`), ready for validateBody.
 * @param {BodySchema} schema @param {URLSearchParams} params
 */
function queryToBody(schema, params) {
  /** @type {Record<string, any>} */
  const body = {};
  for (const [key, value] of params) {
    const [base, sub] = key.split('.', 2);
    const type = schema.fields[base];
    if (!type) throw err.invalidField(base, `unknown field "${base}"`);
    if (type === 'string[]') body[base] = (body[base] || []).concat(value === '' ? [] : value.split(','));
    else if (type === 'boolean') body[base] = value === 'true' ? true : value === 'false' ? false : value;
    else if (type === 'limit') body[base] = /^-?\d+$/.test(value) ? Number(value) : value;
    else if (type === 'date-time-filter' || type === 'object') {
      if (!sub) throw err.invalidField(base, `use "${base}.<key>" query parameters`);
      body[base] = { ...(body[base] || {}), [sub]: value };
    } else body[base] = value;
  }
  return body;
}

module.exports = { SCHEMAS, validateBody, queryToBody, isObject };
