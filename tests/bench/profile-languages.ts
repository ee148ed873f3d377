/**
 * Prints where each language's hello-world job spends its CPU (language-cpu-cost.ts): compile and run
 * commands timed in a container of the runtime image, and the jobs/s the CPU alone allows on this machine.
 *
 *   npm run -s build && node dist/tests/bench/profile-languages.js [--rounds 7] [--json] [kotlin scala ...]
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { loadLanguages } from '../../common/languages.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { repoPath } from './bench-repo.js';
import { measureLanguageCpuCost, type LanguageCpuCost } from './language-cpu-cost.js';
import { chooseLanguageHellos } from './language-hellos.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
  const rounds = Number(values.rounds);
  const image = await ensureRuntimeImage({ docker: new Docker(), onLog: (line) => console.error(line) });
  const hello = await readProblemPackage(repoPath('problems', 'hello'));
  const input = await readFile(repoPath('problems', 'hello', 'data', 'secret', '1.in'));
  const languages = loadLanguages().filter((l) => positionals.length === 0 || positionals.includes(l.id));
  const { hellos, leftOut } = chooseLanguageHellos(hello.submissions, languages);
  for (const { languageId, why } of leftOut) console.error(`${languageId}: left out — ${why}`);
  const costs: LanguageCpuCost[] = [];
  for (const one of hellos) {
    const cost = await measureLanguageCpuCost(image, one, input, rounds);
    costs.push(cost);
    console.error(`${cost.languageId}: job ${cost.jobCpuMs} ms of CPU`);
  }
  if (values.json) {
    console.log(JSON.stringify({ image, rounds, cpus: cpus().length, costs }));
    return;
  }
  console.log(`| language | family | compile CPU (wall) | run CPU (wall) | CPU per job | ceiling on ${cpus().length} cores |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const c of costs) {
    const compile = c.compile === undefined ? '—' : `${c.compile.cpuMs} ms (${c.compile.wallMs} ms)`;
    console.log(`| \`${c.languageId}\` | ${c.family} | ${compile} | ${c.run.cpuMs} ms (${c.run.wallMs} ms) | ${c.jobCpuMs} ms | ${c.ceilingJobsPerSecond} jobs/s |`);
  }
  console.log(`\n${image}, median of ${rounds} rounds per language; a check the run makes (compileCheckedByRun) is not counted in the job.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
