/**
 * The adversarial corpus: reading the probes (tests/adversarial/probes/, one hostile submission per file, each
 * stating what it probes and which verdict it expects) and the fixture problems they are judged against.
 *
 * `echo` can be solved honestly: its answer is its input. A probe that attacks the sandbox solves it only if the
 * attack worked, so an escape shows as AC where WA is expected (or the other way round, as each probe says).
 * `secrets` cannot: every test's answer is the tokens of all three tests' inputs, in order, and a program sees only
 * its own input. A probe that reads other tests' inputs or the answers prints the tokens it found, so a leak shows
 * as AC (all of them) or RE (some of them).
 * `whisper` is interactive: the interactor reads a secret token from its input and accepts the program only if it
 * says that token. The program runs while the interactor, another user, holds the secret in its memory and files.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../../common/language.js';
import { loadLanguages } from '../../common/languages.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { isVerdict, VERDICTS, type Verdict } from '../../common/verdict.js';
import type { Submission } from '../../executor/judge.js';
import { makeProblem, testData } from '../integration/judging/judging-fixture.js';

export const PROBE_DIR = fileURLToPath(new URL('./probes/', import.meta.url));
export const NEXT_SUBMISSION_DIR = fileURLToPath(new URL('./next-submission/', import.meta.url));

export type ProblemName = 'echo' | 'secrets' | 'whisper';

/** One hostile submission and what judging it must give. */
export interface Probe {
  /** File name in probes/, e.g. `fork_bomb.sh`. */
  file: string;
  languageId: string;
  expect: Verdict;
  problem: ProblemName;
  source: string;
}

const LANGUAGE_OF_EXTENSION: Readonly<Record<string, string>> = { '.c': 'c', '.cpp': 'cpp', '.py': 'python', '.sh': 'bash', '.lisp': 'lisp' };

/**
 * Reads the machine-readable lines of a probe's leading comment: `expect: <verdict>` and `problem: echo|secrets`,
 * each on a line of its own, after the comment marker (a C comment may close on the same line). Throws naming the
 * file when either is missing.
 */
export function parseProbe(file: string, source: string): Probe {
  const languageId = LANGUAGE_OF_EXTENSION[path.extname(file)];
  if (languageId === undefined) throw new Error(`${file}: no language for its extension`);
  const header = (key: string): string | undefined =>
    new RegExp(`^\\s*(?://|#|;+|/?\\*+)?\\s*${key}:\\s*(\\w+)\\s*(?:\\*/)?\\s*$`, 'm').exec(source)?.[1];
  const expect = header('expect');
  const problem = header('problem');
  if (!isVerdict(expect)) {
    throw new Error(`${file}: needs a line 'expect: <verdict>' (one of ${VERDICTS.join(', ')}), got ${expect}`);
  }
  if (problem !== 'echo' && problem !== 'secrets' && problem !== 'whisper') {
    throw new Error(`${file}: needs a line 'problem: echo', 'problem: secrets' or 'problem: whisper'`);
  }
  return { file, languageId, expect, problem, source };
}

/** Every probe of the corpus, in file name order. */
export async function readProbes(dir = PROBE_DIR): Promise<Probe[]> {
  const files = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  return Promise.all(files.map(async (file) => parseProbe(file, await readFile(path.join(dir, file), 'utf8'))));
}

export function submissionOf(probe: Pick<Probe, 'file' | 'languageId' | 'source'>): Submission {
  return { languageId: probe.languageId, files: [{ name: probe.file, content: probe.source }] };
}

/**
 * The language table with every compile time floor removed, so that the problem's compilation_time (2 s here)
 * applies to C++ too, not the 30 s common/languages.yaml gives it: a compile bomb then costs seconds, not a minute.
 * What the corpus checks, that the compile limit ends a bomb with CE, does not depend on the number.
 */
export function corpusLanguages(): readonly Language[] {
  return loadLanguages().map((language) => {
    const { compileTimeLimitS: _floor, ...rest } = language;
    return rest;
  });
}

/** Small limits: every probe ends within a few seconds. */
const PROBLEM_YAML = [
  'limits:',
  '  time_limit: 1', // wall limit 2 × 1 s + 1 s
  '  memory: 64',
  '  output: 1', // MiB
  '  compilation_time: 2',
  '  compilation_memory: 384',
  '',
].join('\n');

export interface Fixtures {
  echo: ProblemPackage;
  secrets: ProblemPackage;
  /** The secrets problem's answer (every test's): the three input tokens, space separated. */
  secretAnswer: string;
  /** The secrets and whisper problems' tokens; none may ever reach a student (compile output included). */
  secretTokens: string[];
  whisper: ProblemPackage;
  /** Answer `CLEAN`: the next-submission probe prints it when it finds no trace (a sample, so its output is shown). */
  traces: ProblemPackage;
}

/** The whisper problem's interactor: keeps its input file open and the secret in memory while it waits. */
const INTERACTOR = `import sys
input_file = open(sys.argv[1])
secret = input_file.read().split()[0]
print("say the secret", flush=True)
said = sys.stdin.readline().split()
if said == [secret]:
    sys.exit(42)
with open(sys.argv[3] + "judgemessage.txt", "w") as feedback:
    feedback.write("that is not the secret\\n")
sys.exit(43)
`;

/** Writes the fixture problems, with fresh secret tokens, to a temporary directory. */
export async function makeFixtures(): Promise<Fixtures> {
  // Probes look for `secret-<test>-<32 hex>`; sorting found tokens puts them in test order.
  const secretTokens = [0, 1, 2].map((i) => `secret-${i}-${randomBytes(16).toString('hex')}`);
  const secretAnswer = `${secretTokens.join(' ')}\n`;
  const secrets = await makeProblem({
    'problem.yaml': `name: Secrets\n${PROBLEM_YAML}`,
    ...testData({
      'sample/1': [`${secretTokens[0]}\n`, secretAnswer],
      'secret/1': [`${secretTokens[1]}\n`, secretAnswer],
      'secret/2': [`${secretTokens[2]}\n`, secretAnswer],
    }),
  });

  const counting = Array.from({ length: 100_000 }, (_, i) => `${i + 1}\n`).join('');
  const echoTests: Record<string, [string, string]> = {
    'sample/1': ['Hello, World!\n', 'Hello, World!\n'],
    'secret/1': ['1 2 3\nfour five six\n', '1 2 3\nfour five six\n'],
    // ~590 KB of short lines, and one 200 KB token: the output format probes print them back.
    'secret/2': [counting, counting],
    'secret/3': [`${'ab'.repeat(100_000)}\n`, `${'ab'.repeat(100_000)}\n`],
  };
  const echo = await makeProblem({ 'problem.yaml': `name: Echo\n${PROBLEM_YAML}`, ...testData(echoTests) });
  const traces = await makeProblem({
    'problem.yaml': `name: Traces\n${PROBLEM_YAML}`,
    ...testData({ 'sample/1': ['', 'CLEAN\n'], 'secret/1': ['', 'CLEAN\n'] }),
  });
  const whisperTokens = [0, 1].map((i) => `secret-${i}-${randomBytes(16).toString('hex')}`);
  const whisper = await makeProblem({
    'problem.yaml': `problem_format_version: 2023-07\nname: Whisper\ntype: interactive\n${PROBLEM_YAML}`,
    'output_validator/interactor.py': INTERACTOR,
    ...testData({ 'sample/1': [`${whisperTokens[0]}\n`, ''], 'secret/1': [`${whisperTokens[1]}\n`, ''] }),
  });
  return { echo, secrets, secretAnswer, secretTokens: [...secretTokens, ...whisperTokens], whisper, traces };
}
