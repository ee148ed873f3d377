/**
 * Loads problem package directories into a juez server, uploading only what it does not have yet: a
 * package whose normalized archive has the hash of the problem's latest version is left alone, so running
 * `npm start` again creates no new versions.
 */
import path from 'node:path';
import { archiveHash, createNormalizedArchive } from '../../common/package-archive.js';
import { ApiError, type ApiClient } from '../../judge-cli/api-client.js';

/** What loadProblems did with one directory. */
export interface LoadedProblem {
  problemId: string;
  version: number;
  /** `uploaded`: a new version; `unchanged`: the latest version already has this content. */
  action: 'uploaded' | 'unchanged';
}

/** The fields of GET /api/v1/problems/:id this needs (packageHash is shown to staff). */
interface ProblemAnswer {
  version: number;
  packageHash?: string;
  deleted?: boolean;
}

/**
 * Uploads each directory (problem id = its name) into `courseId` unless the server's latest version holds
 * the same content. The client's token must be staff of the course (or admin).
 * @throws ApiError when the server refuses an upload (an invalid package: its problems are listed).
 */
export async function loadProblems(client: ApiClient, dirs: readonly string[], courseId: string): Promise<LoadedProblem[]> {
  const loaded: LoadedProblem[] = [];
  for (const dir of dirs) {
    const problemId = path.basename(path.resolve(dir));
    // The same normalization the dispatcher applies, hence the same hash for the same files.
    const archive = await createNormalizedArchive(dir);
    const latest = await latestVersion(client, problemId);
    // A deleted problem is uploaded again: that is how it is restored.
    if (latest !== undefined && latest.deleted !== true && latest.packageHash === archiveHash(archive)) {
      loaded.push({ problemId, version: latest.version, action: 'unchanged' });
      continue;
    }
    const created = await client.upload<ProblemAnswer>(
      `/api/v1/problems/${encodeURIComponent(problemId)}/versions`,
      { courseId },
      archive,
      'application/gzip',
    );
    loaded.push({ problemId, version: created.version, action: 'uploaded' });
  }
  return loaded;
}

/** The problem's latest version, or undefined when the server has no such problem. */
async function latestVersion(client: ApiClient, problemId: string): Promise<ProblemAnswer | undefined> {
  try {
    return await client.get<ProblemAnswer>(`/api/v1/problems/${encodeURIComponent(problemId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
