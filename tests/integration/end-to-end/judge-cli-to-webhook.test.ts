/**
 * The whole path, with real processes: an instructor pushes a problem with the built judge-cli (verified
 * locally first), an LMS submits over HTTP on behalf of a student, the student follows the judging over
 * Server-Sent Events, and the LMS receives the verdict as a Standard Webhooks request whose signature this
 * test checks itself. (Students cannot register callback URLs; an LMS service client can.)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../support/poll-until.js';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { spawnJudgeCli, STACK_LINE } from '../judge-cli-server/spawn-judge-cli.js';
import { copyTrimmedPackage } from '../../support/trimmed-package.js';

interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

interface WireEvent {
  event: string;
  data: string;
}

let system: JuezSystem;
let scratch: string;
let receiver: Server;
let callbackUrl: string;
const received: ReceivedWebhook[] = [];

beforeAll(async () => {
  // No executor yet: the student's event stream is open before judging starts, so every event is seen.
  system = await startJuezSystem({ executors: 0, poolSize: 2 });
  await system.advertiseLanguages(); // submissions wait in the queue for the executor started later
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-e2e-'));
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  if (address === null || typeof address === 'string') throw new Error('the receiver has no port');
  callbackUrl = `http://127.0.0.1:${address.port}/juez-hook`;
});

afterAll(async () => {
  await system?.stop();
  await new Promise<void>((resolve) => (receiver?.listening ? receiver.close(() => resolve()) : resolve()));
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('judge-cli → dispatcher → executor → SSE and webhook', () => {
  it('pushes with judge-cli, judges an LMS submission, streams the verdict to the student and signs the webhook', async () => {
    const course = system.defaultCourseId;
    const instructor = system.token({ sub: 'teacher', role: 'instructor', courses: [course] });
    const lms = system.token({ sub: 'lms', role: 'service', courses: [course] });
    const student = system.token({ sub: 'alice', role: 'student', courses: [course] });

    // 1. The instructor pushes problems/hello (its Python, C and Java references): they are judged here first.
    const hello = path.join(scratch, 'hello');
    const references = await copyTrimmedPackage('problems/hello', hello, ['.py', '.c', '.java']);
    const push = await spawnJudgeCli(['problem', 'push', hello, '--id', 'e2e-hello', '--course', course, '--pool-size', '2', '--json'], {
      JUEZ_URL: system.baseUrl,
      JUEZ_TOKEN: instructor,
      JUEZ_CLI_CONFIG: path.join(scratch, 'no-login.json'),
    });
    expect(push.stderr).not.toMatch(STACK_LINE);
    expect(push.code).toBe(0);
    const pushed = JSON.parse(push.stdout);
    expect(pushed.verify.ok).toBe(true);
    expect(pushed.verify.outcomes).toHaveLength(references);
    expect(pushed.problem).toMatchObject({ id: 'e2e-hello', courseId: course, version: 1 });

    // 2. The LMS submits for alice over HTTP, with its callback URL.
    const created = await system.submit(lms, {
      problemId: 'e2e-hello',
      languageId: 'python',
      userId: 'alice',
      externalId: 'moodle-attempt-1',
      callbackUrl,
      files: [{ name: 'hello.py', content: 'print("Hello, World!")\n' }],
    });
    expect(created.status).toBe(202);
    const id: string = created.body.id;

    // 3. Alice follows it: the stream starts with its state (queued: no executor yet), then judging starts.
    const response = await fetch(`${system.baseUrl}/api/v1/submissions/${id}/events`, {
      headers: { authorization: `Bearer ${student}` },
      signal: AbortSignal.timeout(120_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readWireEvents(response.body!);
    const first = await stream.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ event: 'state' });
    expect(JSON.parse(first.value!.data)).toMatchObject({ id, userId: 'alice', status: 'queued' });

    await system.startExecutor();
    const events: WireEvent[] = [];
    for await (const event of stream) events.push(event);
    const names = events.map((e) => e.event);
    expect(names.at(-1)).toBe('final');
    expect(names).toContain('progress');
    const progress = events.filter((e) => e.event === 'progress').map((e) => JSON.parse(e.data));
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2, round: 0 });
    // Each test's result arrives live, filtered for the student like the final result.
    expect(progress.flatMap((p) => p.tests)).toEqual([
      expect.objectContaining({ index: 0, name: 'sample/1', verdict: 'AC' }),
      expect.not.objectContaining({ name: expect.anything() }),
    ]);
    const final = JSON.parse(events.at(-1)!.data);
    expect(final).toMatchObject({ id, status: 'done', problemId: 'e2e-hello', problemVersion: 1, result: { verdict: 'AC', score: 1, maxScore: 1 } });
    // Filtered for the student: the hidden test without its name or data.
    expect(final.result.tests).toEqual([
      expect.objectContaining({ name: 'sample/1', verdict: 'AC' }),
      expect.not.objectContaining({ name: expect.anything() }),
    ]);
    expect(final).not.toHaveProperty('callbackUrl');

    // 4. The LMS gets the verdict, signed: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"> with the secret's key.
    const [hook] = await pollUntil(() => (received.length > 0 ? received : undefined), { timeoutMs: 30_000, what: 'the webhook' });
    const webhookId = String(hook!.headers['webhook-id']);
    const timestamp = String(hook!.headers['webhook-timestamp']);
    const signatures = String(hook!.headers['webhook-signature']).split(' ');
    expect(hook!.headers['content-type']).toMatch(/^application\/json/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
    const key = Buffer.from(system.webhookSecret.slice('whsec_'.length), 'base64');
    const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${webhookId}.${timestamp}.${hook!.body}`).digest('base64')}`);
    expect(signatures.some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), expected))).toBe(true);
    expect(JSON.parse(hook!.body)).toEqual({
      type: 'submission.judged',
      timestamp: expect.any(String),
      data: {
        submissionId: id,
        externalId: 'moodle-attempt-1',
        userId: 'alice',
        problemId: 'e2e-hello',
        problemVersion: 1,
        verdict: 'AC',
        score: 1,
        maxScore: 1,
      },
    });
    // A tampered body does not match the signature.
    const forged = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${hook!.body.replace('"AC"', '"WA"')}`).digest('base64');
    expect(signatures).not.toContain(`v1,${forged}`);
  }, 240_000);
});

/** The event stream as it comes over the wire: `event:` / `data:` lines, blocks ended by a blank line, `:` comments skipped. */
async function* readWireEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<WireEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end).split('\n').filter((line) => !line.startsWith(':'));
      buffer = buffer.slice(end + 2);
      const event = block.find((line) => line.startsWith('event: '))?.slice('event: '.length) ?? 'message';
      const data = block.filter((line) => line.startsWith('data: ')).map((line) => line.slice('data: '.length)).join('\n');
      if (block.length > 0) yield { event, data };
    }
  }
}
