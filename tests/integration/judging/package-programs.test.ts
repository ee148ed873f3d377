/**
 * Validators run as their authors ran them: a Python validator under the ordinary interpreter, C and C++
 * validators with the headers beside them, a folder of build/run scripts, a Java validator whatever its file
 * is called; one that cannot build or fails is IE naming it, its stderr for staff only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { PACKAGE_PROGRAM_STDERR_BYTES } from '../../../executor/judging/output-validator.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool('package-programs');
});
afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

/** Test data of a problem whose right answer is the input doubled. */
const DOUBLE = testData({ 'sample/1': ['4\n', '8\n'], 'secret/1': ['21\n', '42\n'] });
const doubles = source('python', 'sol.py', 'print(2 * int(input()))\n');
const triples = source('python', 'sol.py', 'print(3 * int(input()))\n');

/** A package with a custom validator made of `files` (paths below output_validators/v/). */
function withValidator(files: Record<string, string>, data = DOUBLE): Promise<ProblemPackage> {
  const validator = Object.fromEntries(Object.entries(files).map(([name, content]) => [`output_validators/v/${name}`, content]));
  return makeProblem({ 'problem.yaml': 'validation: custom\n', ...validator, ...data });
}

describe('a Python validator', () => {
  // exit() and quit() come from the site module: under `python3 -S` (how submissions run) they do not exist.
  const SITE_VALIDATOR = String.raw`
import statistics, sys
expected = open(sys.argv[2]).read().split()
got = sys.stdin.read().split()
with open(sys.argv[3] + 'judgemessage.txt', 'w') as message:
    message.write('median %s' % statistics.median([1, 2, 3]))
if got == expected:
    exit(42)
quit(43)
`;

  it('runs under the ordinary interpreter: exit(), quit() and the standard library work', async () => {
    const problem = await withValidator({ 'validate.py': SITE_VALIDATOR });
    const right = await pool.judge.judge(problem, doubles);
    expect(right.verdict, JSON.stringify(right.internalError)).toBe('AC');
    expect(right.tests[0]).toMatchObject({ verdict: 'AC', message: 'median 2' });
    const wrong = await pool.judge.judge(problem, triples);
    expect(wrong.verdict, JSON.stringify(wrong.internalError)).toBe('WA');
  });

  it('while submissions still run without the site module', async () => {
    const problem = await withValidator({ 'validate.py': SITE_VALIDATOR }, testData({ 'secret/1': ['\n', 'False\n'] }));
    const result = await pool.judge.judge(problem, source('python', 'sol.py', "import sys\nprint('site' in sys.modules)\n"));
    expect(result.verdict, JSON.stringify(result.tests)).toBe('AC');
  });
});

describe('a C or C++ validator', () => {
  const VALIDATE_H = String.raw`
#include <stdio.h>
#include <stdlib.h>
static FILE *judge_ans;
static void init_io(int argc, char **argv) { if (argc < 4 || !(judge_ans = fopen(argv[2], "r"))) exit(1); }
static void accept(void) { exit(42); }
static void wrong_answer(void) { exit(43); }
`;

  it('compiles with the validate.h beside it, and a header in a sub-folder', async () => {
    const problem = await withValidator({
      'validate.h': VALIDATE_H,
      'include/same.hpp': 'inline bool same(long a, long b) { return a == b; }\n',
      'checker.cpp': String.raw`
#include "validate.h"
#include "include/same.hpp"
int main(int argc, char **argv) {
    init_io(argc, argv);
    long want, got;
    if (fscanf(judge_ans, "%ld", &want) != 1 || scanf("%ld", &got) != 1) wrong_answer();
    if (same(want, got)) accept();
    wrong_answer();
}`,
    });
    expect((await pool.judge.judge(problem, doubles)).verdict).toBe('AC');
    expect((await pool.judge.judge(problem, triples)).verdict).toBe('WA');
  });

  it('in C, with its header', async () => {
    const problem = await withValidator({
      'validate.h': VALIDATE_H,
      'checker.c': '#include "validate.h"\nint main(int c, char **v) { long a, b; init_io(c, v); if (fscanf(judge_ans, "%ld", &a) == 1 && scanf("%ld", &b) == 1 && a == b) accept(); wrong_answer(); }\n',
    });
    expect((await pool.judge.judge(problem, doubles)).verdict).toBe('AC');
  });
});

describe('a validator of build and run scripts', () => {
  const COMPARE_C = '#include <stdio.h>\nint main(int c, char **v) { long a, b; FILE *f = fopen(v[2], "r"); return f && fscanf(f, "%ld", &a) == 1 && scanf("%ld", &b) == 1 && a == b ? 42 : 43; }\n';

  it('is built by build and run by run, both as user validator', async () => {
    const problem = await withValidator({
      build: '#!/bin/sh\nset -e\ngcc -O2 -o compare compare.c\nid -u > built_by\n',
      // The run script checks that build ran as the validator user (uid 10001), as it does itself.
      run: '#!/bin/sh\n[ "$(cat built_by)" = 10001 ] && [ "$(id -u)" = 10001 ] || exit 1\nexec ./compare "$@"\n',
      'compare.c': COMPARE_C,
    });
    const right = await pool.judge.judge(problem, doubles);
    expect(right.verdict, JSON.stringify(right.internalError)).toBe('AC');
    expect((await pool.judge.judge(problem, triples)).verdict).toBe('WA');
  });

  it('may have a build that writes run, or a run alone without #! line or execute bit', async () => {
    const built = await withValidator({ build: 'printf "#!/bin/sh\\nexit 42\\n" > run\n' });
    const right = await pool.judge.judge(built, doubles);
    expect(right.verdict, JSON.stringify(right.internalError)).toBe('AC');
    // makeProblem writes files with mode 0644, as many zip files do: juez makes build and run executable.
    const runOnly = await withValidator({ run: 'read got; [ "$got" = "$(cat "$2")" ] && exit 42; exit 43\n' });
    const ran = await pool.judge.judge(runOnly, doubles);
    expect(ran.verdict, JSON.stringify(ran.internalError)).toBe('AC');
    expect((await pool.judge.judge(runOnly, triples)).verdict).toBe('WA');
  });

  it('that fails to build is IE naming the validator, with the build output', async () => {
    const problem = await withValidator({ build: 'echo "compare.c:1: error: nope" >&2\nexit 2\n', run: 'exit 42\n' });
    const result = await pool.judge.judge(problem, doubles);
    expect(result.verdict).toBe('IE');
    expect(result.internalError?.culprit).toBe('validator');
    expect(result.internalError?.message).toMatch(/^the output validator output_validators\/v does not build \(.*\):\ncompare\.c:1: error: nope\njuez: build exited with code 2$/);
    expect(result.compileOutput).toBeUndefined();
  });

  it('whose build writes no run script is IE saying so', async () => {
    const result = await pool.judge.judge(await withValidator({ build: 'true\n' }), doubles);
    expect(result.internalError).toMatchObject({ culprit: 'validator', message: expect.stringContaining('build did not create the run script') });
  });
});

describe('a validator that fails', () => {
  it('is IE naming it, with the start of its stderr for staff and not in the sample test students see', async () => {
    // A traceback longer than what is kept: the first PACKAGE_PROGRAM_STDERR_BYTES come back.
    const problem = await withValidator({
      'validate.py': "import sys\nsys.stderr.write('validator bug 17\\n' + 'x' * 10000 + '\\n')\nsys.exit(1)\n",
    });
    const result = await pool.judge.judge(problem, doubles);
    expect(result.verdict).toBe('IE');
    const message = result.internalError?.message ?? '';
    expect(message).toMatch(/^test sample\/1: the output validator exited with code 1 \(expected 42 or 43\)\nstderr of output_validators\/v:\nvalidator bug 17\nx+\n… \(\d+ more bytes\)$/);
    expect(Buffer.byteLength(message)).toBeLessThan(PACKAGE_PROGRAM_STDERR_BYTES + 200);
    expect(result.tests[0]).toMatchObject({ name: 'sample/1', verdict: 'IE', message: 'the output validator exited with code 1 (expected 42 or 43)' });
  });

  it('to compile is IE naming it, with the compiler output cut to the kept size', async () => {
    const errors = Array.from({ length: 200 }, (_, i) => `int f${i}(void) { return undeclared_${i}; }`).join('\n');
    const result = await pool.judge.judge(await withValidator({ 'checker.c': `${errors}\nint main(void) { return 42; }\n` }), doubles);
    expect(result.verdict).toBe('IE');
    expect(result.internalError?.culprit).toBe('validator');
    const message = result.internalError?.message ?? '';
    expect(message).toMatch(/^the output validator output_validators\/v does not compile \(compilation failed \(exit code 1\)\):\n.*undeclared_0/s);
    expect(message).toMatch(/… \(\d+ more bytes\)$/);
    expect(Buffer.byteLength(message)).toBeLessThan(PACKAGE_PROGRAM_STDERR_BYTES + 200);
  });
});

describe('a Java validator', () => {
  it('runs the class that declares main, whatever its file is called', async () => {
    const problem = await withValidator({
      'checker-v1.java': String.raw`
import java.nio.file.*;
import java.util.Scanner;
class Checker {
    public static void main(String[] args) throws Exception {
        String expected = Files.readString(Path.of(args[1])).trim();
        String got = new Scanner(System.in).next();
        System.exit(expected.equals(got) ? 42 : 43);
    }
}`,
    });
    const right = await pool.judge.judge(problem, doubles);
    expect(right.verdict, JSON.stringify(right.internalError)).toBe('AC');
    expect((await pool.judge.judge(problem, triples)).verdict).toBe('WA');
  });
});
