import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HELLO = fileURLToPath(new URL('../../../problems/hello/', import.meta.url));

/**
 * problems/hello with two reference submissions instead of 27, so that `problem push` verifies in seconds:
 * accepted/hello.py and wrong_answer/lowercase.py, plus `extra` (path below submissions/ → source).
 */
export async function writeSmallHello(dir: string, extra: Record<string, string> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const entry of ['problem.yaml', '.timelimit', 'data', 'problem_statement']) {
    await cp(path.join(HELLO, entry), path.join(dir, entry), { recursive: true });
  }
  const submissions: Record<string, string> = {
    'accepted/hello.py': 'print("Hello, World!")\n',
    'wrong_answer/lowercase.py': 'print("hello, world!")\n',
    ...extra,
  };
  for (const [name, source] of Object.entries(submissions)) {
    await mkdir(path.dirname(path.join(dir, 'submissions', name)), { recursive: true });
    await writeFile(path.join(dir, 'submissions', name), source);
  }
  return dir;
}
