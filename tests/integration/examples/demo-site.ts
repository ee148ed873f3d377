/**
 * The course-site demo (dispatcher/demo) served as a course would host it: its static files from another
 * origin than the API's, which is what the browser tests need (CORS and all).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../support/service-process.js';

export const DEMO_DIR = path.join(REPO_ROOT, 'dispatcher/demo');

/** Serves dispatcher/demo on a free port of 127.0.0.1; anything but its HTML, JS and CSS is 404. */
export async function startDemoSite(): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const name = path.basename(new URL(request.url ?? '/', 'http://site').pathname) || 'index.html';
    const type = types[path.extname(name)];
    if (type === undefined) {
      response.writeHead(404).end();
      return;
    }
    readFile(path.join(DEMO_DIR, name)).then(
      (body) => response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
