import { describe, expect, it } from 'vitest';
import { loadLanguages } from '../../../common/languages.js';
import { buildDefaultRunPackage } from '../../../dispatcher/problems/default-run-package.js';
import { readProblemPackage } from '../../../common/problem/read-problem-package.js';

describe('buildDefaultRunPackage', () => {
  it('builds a valid package with the configured limits, the same bytes every time', async () => {
    const languages = loadLanguages();
    let limits: unknown;
    const reader = async (dir: string, options: { languages: readonly import('../../../common/language.js').Language[] }) => {
      const pkg = await readProblemPackage(dir, options);
      limits = pkg.limits;
      return pkg;
    };
    const first = await buildDefaultRunPackage({ timeLimitS: 3, memoryMb: 200, outputMb: 2 }, languages, reader);
    expect(limits).toMatchObject({ timeMs: 3000, memoryMb: 200, outputKb: 2048 });
    expect(first).toMatchObject({ problemId: 'juez-default-run', version: 1 });
    const second = await buildDefaultRunPackage({ timeLimitS: 3, memoryMb: 200, outputMb: 2 }, languages, readProblemPackage);
    expect(second.packageHash).toBe(first.packageHash);
    const other = await buildDefaultRunPackage({ timeLimitS: 1, memoryMb: 200, outputMb: 2 }, languages, readProblemPackage);
    expect(other.packageHash).not.toBe(first.packageHash);
  });
});
