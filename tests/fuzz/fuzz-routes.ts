/**
 * What the fuzzer knows about the API: every operation of /openapi.json (method, path template, its
 * parameters, body media types, whether it needs a token), and for each a valid starting point — path
 * and query values that name things that exist, and a body that would be accepted — for the mutators to
 * break.
 */

export interface FuzzParameter {
  in: 'path' | 'query';
  name: string;
  schema: Record<string, unknown>;
}

export interface FuzzRoute {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. `/api/v1/submissions/{id}`. */
  template: string;
  parameters: FuzzParameter[];
  bodyTypes: string[];
  secured: boolean;
}

/** Ids of things that exist in the fuzzed dispatcher, so that valid requests reach deep into handlers. */
export interface KnownIds {
  courseId: string;
  problemId: string;
  submissionId: string;
  runId: string;
  /** A small valid problem package (zip). */
  archive: Buffer;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, unknown> };
  security?: unknown[];
}

/** The operations of an OpenAPI document. */
export function routesOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      routes.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        parameters: (operation.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => ({ in: p.in as 'path' | 'query', name: p.name, schema: p.schema ?? {} })),
        bodyTypes: Object.keys(operation.requestBody?.content ?? {}),
        secured: (operation.security ?? []).length > 0,
      });
    }
  }
  return routes;
}

/** A value of a path parameter that names something that exists. */
export function validPathValue(route: FuzzRoute, name: string, ids: KnownIds): string {
  if (name === 'problemId') return ids.problemId;
  if (name === 'version') return '1';
  if (route.template.includes('/deliveries/')) return `${ids.submissionId}.1`;
  if (route.template.includes('/runs/')) return ids.runId;
  return ids.submissionId;
}

/** A valid value of a query parameter. */
export function validQueryValue(name: string, ids: KnownIds): string {
  const values: Record<string, string> = {
    wait: '0',
    limit: '5',
    problem: ids.problemId,
    user: 'fuzz-student',
    userId: 'fuzz-student',
    course: ids.courseId,
    courseId: ids.courseId,
    status: 'queued',
    from: '2020-01-01T00:00:00.000Z',
    to: '2099-01-01T00:00:00.000Z',
    sources: 'true',
    includeDeleted: 'true',
    version: '1',
  };
  return values[name] ?? '1';
}

/** A body the operation would accept (JSON value, or raw bytes for uploads), or undefined when it takes none. */
export function validBody(route: FuzzRoute, ids: KnownIds): unknown {
  const files = [{ name: 'main.py', content: 'print(input())\n' }];
  switch (route.operationId) {
    case 'createSubmission':
      return { problemId: ids.problemId, languageId: 'python', files };
    case 'createRun':
      return { languageId: 'python', files, stdin: 'hello\n' };
    case 'rejudgeProblem':
      return { verdict: ['WA'] };
    case 'uploadProblemVersion':
      return ids.archive;
    default:
      return route.bodyTypes.includes('application/json') ? {} : undefined;
  }
}
