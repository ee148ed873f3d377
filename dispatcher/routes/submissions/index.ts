import type { AppDeps } from '../../app-deps.js';
import type { RouteSpec } from '../../http/route.js';
import { cancelSubmissionRoute } from './cancel-submission.js';
import { createSubmissionRoute } from './create-submission.js';
import { listSubmissionsRoute } from './list-submissions.js';
import { readSubmissionRoute } from './read-submission.js';
import { streamSubmissionEventsRoute } from './stream-submission-events.js';

export function submissionRoutes(deps: AppDeps): RouteSpec[] {
  return [
    createSubmissionRoute(deps),
    listSubmissionsRoute(deps),
    readSubmissionRoute(deps),
    cancelSubmissionRoute(deps),
    streamSubmissionEventsRoute(deps),
  ];
}
