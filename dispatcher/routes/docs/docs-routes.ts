import { defineRoute, type RouteSpec } from '../../http/route.js';
import { buildOpenApi } from '../../openapi/build-openapi.js';
import { renderDocs } from '../../openapi/render-docs.js';

/** /openapi.json and /docs, built once from every route (these two included). */
export function docsRoutes(allRoutes: () => readonly RouteSpec[], version: string): RouteSpec[] {
  let document: Record<string, unknown> | undefined;
  let html: string | undefined;
  const getDocument = (): Record<string, unknown> => (document ??= buildOpenApi(allRoutes(), version));
  return [
    defineRoute({
      operationId: 'openapi',
      method: 'get',
      path: '/openapi.json',
      tag: 'documentation',
      summary: 'This API as an OpenAPI 3.1 document',
      access: 'public',
      responses: { 200: { description: 'The document.', contentType: 'application/json' } },
      async handle(ctx) {
        ctx.body = getDocument();
      },
    }),
    defineRoute({
      operationId: 'docs',
      method: 'get',
      path: '/docs',
      tag: 'documentation',
      summary: 'This API as a web page',
      access: 'public',
      responses: { 200: { description: 'HTML.', contentType: 'text/html' } },
      async handle(ctx) {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = (html ??= renderDocs(getDocument()));
      },
    }),
  ];
}
