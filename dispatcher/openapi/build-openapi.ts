/**
 * The OpenAPI 3.1 document, built from the same RouteSpec list the router mounts: the request schemas in
 * it are the very objects ajv validates with.
 */
import type { RouteSpec } from '../http/route.js';
import type { JsonSchema } from '../http/validation.js';
import { ERROR_SCHEMA } from '../routes/shared-schemas.js';

/** Errors any route may answer, documented once per operation. */
const COMMON_ERRORS: Record<number, string> = {
  400:
    'Invalid request: `validation_failed` (details.fields lists each field), `invalid_json` (also: not UTF-8), `incomplete_body`, ' +
    '`malformed_request` (not valid HTTP/1.1; its relatives are 431 `headers_too_large` and 417 `expectation_failed`).',
  401: 'Missing or refused token: `missing_token`, `invalid_token`, `token_expired` (with WWW-Authenticate).',
  403: '`forbidden`: the token may not do this.',
  429: '`rate_limited`, with Retry-After.',
  500: '`internal_error`: logged with the request id; nothing else is revealed.',
  503: '`store_unavailable` or `queue_unavailable`: retry later.',
};

export function buildOpenApi(routes: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'juez API',
      version,
      description:
        'Online judge for programming courses. Authenticate with `Authorization: Bearer <JWT>` (HS256 or RS256; claims sub, role, courses). ' +
        'Errors are `{"error": {"code", "message", "details"}}` with stable codes.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}

function operation(route: RouteSpec): Record<string, unknown> {
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? 'application/json';
    const media: Record<string, unknown> = {};
    if (response.schema !== undefined) media.schema = response.schema;
    if (response.example !== undefined) media.example = response.example;
    responses[status] = {
      description: response.description,
      ...((response.schema !== undefined || response.example !== undefined || response.contentType !== undefined) && {
        content: { [contentType]: media },
      }),
    };
  }
  for (const [status, description] of Object.entries(COMMON_ERRORS)) {
    if (route.access === 'public' && (status === '401' || status === '403' || status === '429')) continue;
    responses[status] ??= { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  const result: Record<string, unknown> = {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    tags: [route.tag],
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    ...(parameters.length > 0 && { parameters }),
    responses,
    'x-roles': route.access === 'public' ? [] : [...route.access],
    ...(route.errorCodes !== undefined && { 'x-error-codes': [...route.errorCodes] }),
  };
  if (route.body?.kind === 'json') {
    result.requestBody = {
      required: route.body.optional !== true,
      content: {
        'application/json': { schema: route.body.schema, ...(route.body.example !== undefined && { example: route.body.example }) },
      },
    };
  } else if (route.body?.kind === 'raw') {
    result.requestBody = {
      required: true,
      description: `${route.body.description} At most ${route.body.maxBytes} bytes.`,
      content: Object.fromEntries(
        route.body.contentTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type, contentEncoding: 'binary' } }]),
      ),
    };
  }
  return result;
}

function parametersOf(schema: JsonSchema | undefined, location: 'path' | 'query'): Record<string, unknown>[] {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
    ...(property.type === 'array' && { style: 'form', explode: true }),
  }));
}
