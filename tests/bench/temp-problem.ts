/** Problem packages generated for a benchmark, in a temporary directory removed by the benchmark's cleanup. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';

export interface GeneratedTest {
  /** Below data/, without extension: `secret/001`. */
  name: string;
  input: string | Buffer;
  answer: string | Buffer;
}

export interface TempProblem {
  problem: ProblemPackage;
  remove(): Promise<void>;
}

/** Writes problem.yaml and the tests into a fresh directory named after `shortName`, and reads it back. */
export async function writeTempProblem(
  shortName: string,
  problemYaml: string,
  tests: readonly GeneratedTest[],
): Promise<TempProblem> {
  const root = await mkdtemp(path.join(tmpdir(), 'juez-bench-'));
  const remove = (): Promise<void> => rm(root, { recursive: true, force: true });
  try {
    const dir = path.join(root, shortName);
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await writeFile(path.join(dir, 'problem.yaml'), problemYaml);
    for (const test of tests) {
      const base = path.join(dir, 'data', test.name);
      await mkdir(path.dirname(base), { recursive: true });
      await writeFile(`${base}.in`, test.input);
      await writeFile(`${base}.ans`, test.answer);
    }
    return { problem: await readProblemPackage(dir), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
