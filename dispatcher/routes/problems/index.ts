import type { AppDeps } from '../../app-deps.js';
import type { RouteSpec } from '../../http/route.js';
import { deleteProblemRoute, downloadArchiveRoute, rejudgeProblemRoute } from './manage-problem.js';
import { listProblemsRoute, readProblemRoute } from './read-problem.js';
import { uploadProblemRoute } from './upload-problem.js';

export function problemRoutes(deps: AppDeps): RouteSpec[] {
  return [
    listProblemsRoute(deps),
    readProblemRoute(deps),
    uploadProblemRoute(deps),
    downloadArchiveRoute(deps),
    deleteProblemRoute(deps),
    rejudgeProblemRoute(deps),
  ];
}
