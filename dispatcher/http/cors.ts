import type { Middleware } from 'koa';
import { errors } from './errors.js';
import type { RequestState } from './request-state.js';

/** What a page may send besides the CORS-safelisted headers. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
/** Headers a page may read besides the safelisted ones: where a submission is, when to retry, which request it was. */
const EXPOSED_HEADERS = 'Location, Retry-After, WWW-Authenticate, X-Request-Id';
/** How long a browser may reuse a preflight answer, seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for course sites on other origins (JUEZ_CORS_ORIGINS). Tokens travel in the Authorization header,
 * never in cookies, so responses do not allow credentials and the origin list is about which sites may call
 * the API from their pages at all, not about ambient authority.
 *
 * - A preflight (OPTIONS with Access-Control-Request-Method) from a listed origin is answered here, 204;
 *   from any other origin it is refused with 403 `origin_not_allowed`, so a course-site developer sees why.
 * - An actual request from a listed origin gets Access-Control-Allow-Origin (errors too, so the page can
 *   show their messages); from another origin it is served without it, and the browser withholds the answer.
 *   Requests without Origin (servers, curl, same-origin GETs) are untouched: CORS is a browser's rule.
 *
 * Mounted inside the error handler, so a refused preflight is answered like every other error.
 */
export function cors(allowedOrigins: readonly string[]): Middleware<RequestState> {
  const allowed = new Set(allowedOrigins);
  return async (ctx, next) => {
    const origin = ctx.get('origin');
    if (origin === '') return next();
    // The answer depends on Origin: caches must not give one site's answer to another.
    ctx.vary('Origin');
    const preflight = ctx.method === 'OPTIONS' && ctx.get('access-control-request-method') !== '';
    if (!allowed.has(origin)) {
      // Same-origin pages (the /demo page) send Origin on POSTs too; they need no CORS headers.
      if (preflight) throw errors.originNotAllowed(origin);
      return next();
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    if (preflight) {
      ctx.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      ctx.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S));
      ctx.status = 204;
      return;
    }
    ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    await next();
  };
}
