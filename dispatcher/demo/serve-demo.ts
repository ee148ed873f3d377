/**
 * Serves the course-site demo (index.html, demo.js, demo.css beside this file) at /demo/: a student signs in
 * with a token, picks a problem, submits and follows the verdict live. The page is static and only talks to
 * the public API, so serving it adds no new authority; it is here so that juez can be tried with a browser
 * alone, and to be copied to a real course site (see JUEZ_CORS_ORIGINS).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Middleware } from 'koa';
import type { RequestState } from '../http/request-state.js';

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'demo.js': 'text/javascript; charset=utf-8',
  'demo.css': 'text/css; charset=utf-8',
};

/**
 * The page may run only its own script and style, and fetch from anywhere http(s) (it can be pointed at
 * another juez); it may not be framed (clickjacking of the submit button) nor post forms elsewhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' http: https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The demo's folder: beside this file in the sources, `dispatcher/demo` three levels up from dist/dispatcher/demo/. */
export function defaultDemoDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [here, path.join(here, '..', '..', '..', 'dispatcher', 'demo')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? here;
}

/**
 * Middleware answering GET/HEAD /demo/ and its files (read once, here: they are a few kB); /demo redirects
 * to /demo/ so that the page's relative links resolve. Anything else goes on to the router.
 * @throws Error when a file of the demo is missing (a broken build).
 */
export function serveDemo(dir: string = defaultDemoDir()): Middleware<RequestState> {
  const files = new Map(
    Object.entries(MEDIA_TYPES).map(([name, type]) => [name, { type, body: readFileSync(path.join(dir, name)) }] as const),
  );
  return async (ctx, next) => {
    if (ctx.path !== '/demo' && !ctx.path.startsWith('/demo/')) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next(); // the router answers 404/405
    if (ctx.path === '/demo') {
      ctx.redirect('/demo/');
      return;
    }
    const file = files.get(ctx.path.slice('/demo/'.length) || 'index.html');
    if (file === undefined) return next();
    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = file.type;
    ctx.body = file.body;
  };
}
