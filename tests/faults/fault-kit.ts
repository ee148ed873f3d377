/** What the fault tests share: the slow problem, sleeping submissions, and reading the executors' logs. */
import { fileURLToPath } from 'node:url';
import type { JuezSystem, ServiceProcess } from '../support/juez-system.js';

/** "Hello, World!" with a 3 s CPU limit and a 7 s wall-clock limit (fixtures/slowhello). */
export const SLOW_HELLO = fileURLToPath(new URL('./fixtures/slowhello/', import.meta.url));

/** A correct Python submission that sleeps `seconds` on each test case first (2 test cases). */
export function sleepingHello(seconds: number): { name: string; content: string }[] {
  return [{ name: 'hello.py', content: `import time\ntime.sleep(${seconds})\nprint("Hello, World!")\n` }];
}

/** One "judged" log line of an executor: it finished judging a task and tried to store the verdict. */
export interface JudgedLine {
  executor: string;
  /** 'stored', or 'skip' when the record was already final (a duplicate delivery). */
  stored: string;
  verdict: string;
}

/** The executors' "judged" log lines, by submission id. */
export function judgedLines(executors: readonly ServiceProcess[]): Map<string, JudgedLine[]> {
  const bySubmission = new Map<string, JudgedLine[]>();
  for (const executor of executors) {
    for (const line of executor.logLines()) {
      if (line.msg !== 'judged' || typeof line.submissionId !== 'string') continue;
      const list = bySubmission.get(line.submissionId) ?? [];
      list.push({ executor: String(line.executor), stored: String(line.stored), verdict: String(line.verdict) });
      bySubmission.set(line.submissionId, list);
    }
  }
  return bySubmission;
}

/** Submits `count` submissions one after the other; each must be accepted (202). Resolves with their ids. */
export async function submitAccepted(system: JuezSystem, token: string, count: number, body: object): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const answer = await system.submit(token, body);
    if (answer.status !== 202) throw new Error(`submission ${n + 1} of ${count}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(String(answer.body.id));
  }
  return ids;
}
