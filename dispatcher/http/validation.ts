/**
 * Request validation with ajv. Bodies are validated as sent (no type coercion: `"3"` is not a number);
 * path and query parameters arrive as text, so their validator coerces (`?limit=20` → 20, a repeated
 * `?status=` → an array). Defaults declared in the schemas are filled in.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { errors, type FieldProblem } from './errors.js';

// ajv-formats is CommonJS (`exports.default = plugin`); under NodeNext the plugin is `.default` of the module.
const addFormats = ajvFormats.default as unknown as ajvFormats.FormatsPlugin;

/** A JSON schema (draft-07 subset that is also valid OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: coerce ? 'array' : false, strict: true });
  addFormats(ajv, ['date-time', 'uri', 'email']);
  return ajv;
}

const bodyAjv = makeAjv(false);
const parameterAjv = makeAjv(true);

export type Location = FieldProblem['in'];

/** A compiled validator: returns the (defaulted, coerced) value or throws 400 validation_failed. */
export type Validator = (value: unknown) => unknown;

/** Compiles `schema` for a location of the request. */
export function compileValidator(schema: JsonSchema, location: Location): Validator {
  const validate: ValidateFunction = (location === 'body' ? bodyAjv : parameterAjv).compile(schema);
  return (value) => {
    if (!validate(value)) throw errors.validationFailed(describeErrors(validate.errors ?? [], location));
    // ajv coerces "1e400" and "Infinity" to ±Infinity, then skips minimum and maximum (they only test
    // finite numbers): `?limit=1e400` would reach Redis. JSON bodies cannot hold such numbers.
    const infinite = location === 'body' ? undefined : nonFiniteField(value, '');
    if (infinite !== undefined) throw errors.validationFailed([{ in: location, field: infinite, message: 'must be a finite number' }]);
    return value;
  };
}

/** The dotted path of the first number in `value` that is not finite, or undefined. */
function nonFiniteField(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path === '' ? '(root)' : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteField(item, path === '' ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** One problem per field, in words a client developer understands. */
export function describeErrors(list: readonly ErrorObject[], location: Location): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of list) {
    let field = error.instancePath.split('/').slice(1).join('.');
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
      field = field === '' ? missing : `${field}.${missing}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      field = field === '' ? extra : `${field}.${extra}`;
      message = 'is not a known field';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
    }
    const key = `${field}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ in: location, field: field === '' ? '(root)' : field, message });
  }
  return problems;
}
