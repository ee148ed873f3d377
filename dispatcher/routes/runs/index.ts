import type { AppDeps } from '../../app-deps.js';
import type { RouteSpec } from '../../http/route.js';
import { createRunRoute } from './create-run.js';
import { readRunRoute } from './read-run.js';

export function runRoutes(deps: AppDeps): RouteSpec[] {
  return [createRunRoute(deps), readRunRoute(deps)];
}
