import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../dispatcher/openapi/build-openapi.js';
import { renderDocs } from '../../../dispatcher/openapi/render-docs.js';
import { defineRoute } from '../../../dispatcher/http/route.js';
import { compileValidator } from '../../../dispatcher/http/validation.js';

const bodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, count: { type: 'integer', default: 1 } },
};
const route = defineRoute<{ id: string }, { verbose?: boolean }, { name: string; count: number }>({
  operationId: 'doThing',
  method: 'post',
  path: '/api/v1/things/:id',
  tag: 'things',
  summary: 'Do a thing',
  access: ['admin'],
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  query: { type: 'object', properties: { verbose: { type: 'boolean' } } },
  body: { kind: 'json', schema: bodySchema, example: { name: 'x' } },
  responses: { 200: { description: 'ok', example: { done: true } } },
  errorCodes: ['unknown_thing'],
  async handle() {},
});

describe('buildOpenApi', () => {
  it('documents each route with the very schema objects that validate it', () => {
    const doc = buildOpenApi([route], '1.0.0') as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const op = doc.paths['/api/v1/things/{id}']?.post as Record<string, any>;
    expect(op.requestBody.content['application/json'].schema).toBe(bodySchema);
    expect(op.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'verbose', in: 'query', required: false, schema: { type: 'boolean' } },
    ]);
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429', '500']));
    expect(op['x-error-codes']).toEqual(['unknown_thing']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    const html = renderDocs(doc as Record<string, unknown>);
    expect(html).toContain('<code>/api/v1/things/{id}</code>');
    expect(html).toContain('unknown_thing');
  });

  it('validates with the same schema: defaults filled, every field problem listed', () => {
    const validate = compileValidator(bodySchema, 'body');
    expect(validate({ name: 'x' })).toEqual({ name: 'x', count: 1 });
    expect(() => validate({ count: 'many', extra: 1 })).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: {
          fields: expect.arrayContaining([
            { in: 'body', field: 'name', message: 'is required' },
            { in: 'body', field: 'extra', message: 'is not a known field' },
            { in: 'body', field: 'count', message: 'must be integer' },
          ]),
        },
      }),
    );
  });
});
