/**
 * The LMS example (infra/examples/lms-receiver, Java 17, JDK only) against a real juez: compiled with javac,
 * run with java, it receives a real delivery from the dispatcher's webhook worker, records it once (an admin
 * redelivery, same webhook-id, is acknowledged but not recorded again), and refuses forged, tampered and
 * stale requests with 401 without recording them.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../dispatcher/webhooks/sign-webhook.js';
import { startJuezSystem, type JuezSystem, type ServiceProcess } from '../../support/juez-system.js';
import { pollUntil } from '../../support/poll-until.js';
import { REPO_ROOT, spawnProcess } from '../../support/service-process.js';

const RECEIVER_DIR = path.join(REPO_ROOT, 'infra/examples/lms-receiver');
const MAIN_CLASS = 'edu.example.juez.JuezWebhookReceiver';

interface RecordedVerdict {
  webhookId: string;
  receivedAt: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

let system: JuezSystem;
let scratch: string;
let receiver: ServiceProcess;
let receiverBase: string;
let verdictsFile: string;

beforeAll(async () => {
  system = await startJuezSystem({ executors: 1 });
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-lms-receiver-'));
  const classes = path.join(scratch, 'classes');
  const sourceDir = path.join(RECEIVER_DIR, 'src/edu/example/juez');
  const sources = (await readdir(sourceDir)).filter((name) => name.endsWith('.java')).map((name) => path.join(sourceDir, name));
  await promisify(execFile)('javac', ['-Xlint:all', '-Werror', '-d', classes, ...sources]);

  verdictsFile = path.join(scratch, 'verdicts.jsonl');
  receiver = spawnProcess('lms-receiver', 'java', ['-cp', classes, MAIN_CLASS, '--port', '0', '--verdicts', verdictsFile], {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // The secret through the environment, as the README recommends (arguments are visible in ps).
    JUEZ_WEBHOOK_SECRET: system.webhookSecret,
  });
  const listening = await receiver.waitForLog((line) => /^listening on http:\/\//.test(line.msg ?? ''), 30_000);
  receiverBase = (/^listening on (http:\/\/[^ ]+)/.exec(listening.msg ?? '') as RegExpExecArray)[1] as string;
});

afterAll(async () => {
  await receiver?.stop('SIGTERM');
  await system?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

async function recordedVerdicts(): Promise<RecordedVerdict[]> {
  const response = await fetch(`${receiverBase}/verdicts`);
  expect(response.status).toBe(200);
  return (await response.json()) as RecordedVerdict[];
}

async function fileLines(): Promise<string[]> {
  return (await readFile(verdictsFile, 'utf8')).split('\n').filter((line) => line !== '');
}

/** POSTs a webhook to the receiver, as juez would (or as an attacker would). */
async function post(headers: Record<string, string>, body: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${receiverBase}/juez/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: await response.json() };
}

function payloadFor(submissionId: string): string {
  return JSON.stringify({
    type: 'submission.judged',
    timestamp: new Date().toISOString(),
    data: {
      submissionId,
      externalId: 'attempt-forged',
      userId: 'mallory',
      problemId: 'hello',
      problemVersion: 1,
      verdict: 'AC',
      score: 1,
      maxScore: 1,
    },
  });
}

describe('the Java LMS receiver example', () => {
  it('records a real juez delivery once, and acknowledges a redelivery without recording it again', async () => {
    const { problemId } = await system.pushProblem('problems/hello');
    const lms = system.token({ sub: 'lms-example', role: 'service' });
    const admin = system.token({ sub: 'ops', role: 'admin' });

    const created = await system.submit(lms, {
      problemId,
      languageId: 'python',
      files: [{ name: 'hello.py', content: 'print("Hello, World!")\n' }],
      userId: 'alice',
      externalId: 'attempt-4711',
      callbackUrl: `${receiverBase}/juez/webhook`,
    });
    expect(created.status).toBe(202);
    const submissionId = created.body.id as string;
    const final = await system.waitForFinal(submissionId);
    expect(final.result.verdict).toBe('AC');

    const deliveryId = `${submissionId}.0`;
    const [recorded] = await pollUntil(async () => ((await recordedVerdicts()).length === 1 ? recordedVerdicts() : undefined), {
      timeoutMs: 30_000,
      what: 'the receiver to record the verdict',
      explain: () => `${receiver.logs()}\n${system.dispatcher.logs()}`,
    });
    expect(recorded).toMatchObject({
      webhookId: deliveryId,
      payload: {
        type: 'submission.judged',
        data: { submissionId, externalId: 'attempt-4711', userId: 'alice', problemId, verdict: 'AC', score: final.result.score },
      },
    });
    // juez saw the receiver's 2xx: the delivery is done.
    const delivered = await pollUntil(
      async () => {
        const answer = await system.request('GET', `/api/v1/webhooks/deliveries/${deliveryId}`, { token: admin });
        return answer.body?.status === 'delivered' ? answer.body : undefined;
      },
      { what: 'juez to mark the delivery delivered' },
    );
    expect(delivered.lastStatus).toBe('200');

    // A redelivery carries the same webhook-id: acknowledged (juez marks it delivered again), recorded once.
    const redeliver = await system.request('POST', `/api/v1/webhooks/deliveries/${deliveryId}/redeliver`, { token: admin });
    expect(redeliver.status).toBe(202);
    await receiver.waitForLog((line) => line.msg === `duplicate ${deliveryId}: acknowledged, not recorded again`, 30_000);
    await pollUntil(
      async () => {
        const answer = await system.request('GET', `/api/v1/webhooks/deliveries/${deliveryId}`, { token: admin });
        return answer.body?.status === 'delivered' && Number(answer.body.attempts) >= 2;
      },
      { what: 'the redelivery to be acknowledged' },
    );
    expect((await recordedVerdicts()).map((verdict) => verdict.webhookId)).toEqual([deliveryId]);
    expect(await fileLines()).toHaveLength(1);
  });

  it('refuses forged, tampered, stale and unsigned deliveries with 401 and records none of them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = (await recordedVerdicts()).map((verdict) => verdict.webhookId);
    const sign = (secret: string, id: string, timestampS: number, body: string): Record<string, string> => ({
      'webhook-id': id,
      'webhook-timestamp': String(timestampS),
      'webhook-signature': signWebhook(secret, id, timestampS, body),
    });

    const forgedBody = payloadFor('sForged');
    const wrongSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const forged = await post(sign(wrongSecret, 'sForged.0', now, forgedBody), forgedBody);
    expect(forged).toEqual({ status: 401, body: { error: 'no valid signature' } });

    // A genuine signature, but over another body: the verdict was changed on the way.
    const genuineBody = payloadFor('sTampered');
    const tampered = await post(sign(system.webhookSecret, 'sTampered.0', now, genuineBody), genuineBody.replace('"AC"', '"WA"'));
    expect(tampered.status).toBe(401);

    // A captured genuine request replayed ten minutes later.
    const staleBody = payloadFor('sStale');
    const stale = await post(sign(system.webhookSecret, 'sStale.0', now - 600, staleBody), staleBody);
    expect(stale).toEqual({ status: 401, body: { error: expect.stringMatching(/more than 5 minutes/) } });

    const unsigned = await post({ 'webhook-id': 'sUnsigned.0', 'webhook-timestamp': String(now) }, payloadFor('sUnsigned'));
    expect(unsigned.status).toBe(401);

    // Control: the same kind of request signed with the right secret, now, is accepted — so the refusals
    // above were about the signature and the timestamp, nothing else. Several signatures may be sent.
    const validBody = payloadFor('sValid');
    const valid = sign(system.webhookSecret, 'sValid.0', now, validBody);
    valid['webhook-signature'] = `${signWebhook(wrongSecret, 'sValid.0', now, validBody)} ${valid['webhook-signature']}`;
    expect(await post(valid, validBody)).toEqual({ status: 200, body: { status: 'recorded' } });

    expect((await recordedVerdicts()).map((verdict) => verdict.webhookId)).toEqual([...before, 'sValid.0']);
    expect(await fileLines()).toHaveLength(before.length + 1);
  });
});
