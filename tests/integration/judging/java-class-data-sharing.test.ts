/**
 * The runtime image archives javac's classes (executor/image/Dockerfile) and the Java compile command maps
 * that archive: if the archive were missing or did not match the image's JDK, javac would still work but
 * slower, and its warning would land in every Java submission's compile output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCommand, findLanguage } from '../../../common/languages.js';
import { makeSandboxEnvironment } from '../../../executor/judging/sandbox-environment.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
let hello: ProblemPackage;

beforeAll(async () => {
  pool = await startTestPool('java-cds');
  hello = await makeProblem({ 'problem.yaml': 'name: Hello\n', ...testData({ 'secret/1': ['\n', 'Hello\n'] }) });
});

afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

const HELLO = 'public class Hello {\n  public static void main(String[] args) {\n    System.out.println("Hello");\n  }\n}\n';

describe("javac's class-data-sharing archive", () => {
  it('is mapped by the compile command (-Xshare:on refuses to start without it)', async () => {
    const java = findLanguage('java');
    if (java?.compile === undefined) throw new Error('languages.yaml has no Java compile command');
    expect(java.compile.some((arg) => arg.startsWith('-J-XX:SharedArchiveFile='))).toBe(true);
    const argv = expandCommand(java.compile, { files: ['Hello.java'], main: 'Hello.java', mainBase: 'Hello', memoryMb: 256 });
    const lease = await pool.pool.acquire();
    try {
      await lease.session.putFile('/work/Hello.java', HELLO, 'sandbox');
      const facts = await lease.session.run([
        {
          user: 'sandbox',
          cwd: '/work',
          argv: [argv[0] ?? 'javac', '-J-Xshare:on', ...argv.slice(1)],
          env: makeSandboxEnvironment(java),
          stderr: 'stdout',
          cpuMs: 30_000,
          memoryKb: 1024 * 1024,
          maxOpenFiles: java.maxOpenFiles,
          returnStdoutBytes: 4096,
        },
      ]);
      expect(facts.stdout.toString('utf8')).toBe('');
      expect(facts.procs[0]).toMatchObject({ exitCode: 0, signal: 0 });
    } finally {
      await lease.release();
    }
  });

  it('leaves a Java submission judged as before, with nothing in its compile output', async () => {
    const result = await pool.judge.judge(hello, source('java', 'Hello.java', HELLO));
    expect(result).toMatchObject({ verdict: 'AC', compileOutput: '' });
  });
});
