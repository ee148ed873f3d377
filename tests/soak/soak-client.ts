/**
 * Sends one planned submission the way its client would (soak-plan.ts ClientKind), follows it to its final
 * verdict and checks that verdict against the folder the reference came from. Every way of going wrong is
 * an outcome, never an exception: the soak counts them all.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Verdict } from '../../common/verdict.js';
import type { JuezSystem } from '../support/juez-system.js';
import { followUntilFinal } from './follow-submission-events.js';
import type { ClientKind, PlannedSubmission } from './soak-plan.js';
import type { WebhookInbox } from './webhook-inbox.js';

export type ProblemKind =
  /** Final, but with another verdict than its folder's (or an LMS webhook disagreeing with the record). */
  | 'wrong-verdict'
  /** The POST was not accepted (no 202, or an LMS retry that named another submission). */
  | 'rejected'
  /** Accepted, but not final (or no webhook) within the deadline: lost or stuck. */
  | 'stuck'
  /** No HTTP answer, or an answer the client could not use. */
  | 'error';

export interface SubmissionOutcome {
  index: number;
  reference: string;
  client: ClientKind;
  expected: Verdict;
  id?: string;
  /** The final verdict read back. */
  verdict?: string;
  problem?: { kind: ProblemKind; detail: string };
  /** POST sent → final verdict read, ms. */
  responseMs: number;
  /** finishedAt − startedAt of the record: the executor's time on it, ms. */
  serviceMs?: number;
}

export interface SoakClientSettings {
  /** `?wait=` of the student-wait client, s. */
  waitS: number;
  /** A submission not final this long after its POST is stuck, ms. */
  stuckAfterMs: number;
  /** Makes LMS external ids unique to this run. */
  runId: string;
}

class SubmissionProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
  }
}

const POLL_MS = 500;
const isFinal = (submission: { status?: string }): boolean => submission.status === 'done' || submission.status === 'cancelled';

export class SoakClient {
  private readonly tokens = new Map<string, string>();
  private readonly lmsToken: string;

  constructor(
    private readonly system: JuezSystem,
    private readonly inbox: WebhookInbox,
    private readonly settings: SoakClientSettings,
  ) {
    this.lmsToken = system.token({ sub: 'lms', role: 'service' });
  }

  /** The external id the LMS gives the planned submission. */
  externalId(planned: PlannedSubmission): string {
    return `soak-${this.settings.runId}-${planned.index}`;
  }

  async judge(planned: PlannedSubmission): Promise<SubmissionOutcome> {
    const started = performance.now();
    const outcome: SubmissionOutcome = {
      index: planned.index,
      reference: planned.reference.name,
      client: planned.client,
      expected: planned.reference.expected,
      responseMs: Number.NaN,
    };
    try {
      const final = await this.follow(planned, (id) => (outcome.id = id));
      outcome.responseMs = performance.now() - started;
      outcome.verdict = final.result?.verdict ?? `(${final.status})`;
      if (final.startedAt !== undefined && final.finishedAt !== undefined) outcome.serviceMs = Date.parse(final.finishedAt) - Date.parse(final.startedAt);
      if (final.status !== 'done' || outcome.verdict !== planned.reference.expected) {
        const culprit = final.result?.internalError?.culprit;
        throw new SubmissionProblem('wrong-verdict', `expected ${planned.reference.expected}, got ${outcome.verdict}${culprit ? ` (culprit ${culprit})` : ''}`);
      }
    } catch (error) {
      outcome.responseMs = performance.now() - started;
      outcome.problem =
        error instanceof SubmissionProblem
          ? { kind: error.kind, detail: error.message }
          : { kind: 'error', detail: (error as Error).message.split('\n')[0] ?? String(error) };
    }
    return outcome;
  }

  private studentToken(userId: string): string {
    let token = this.tokens.get(userId);
    if (token === undefined) {
      token = this.system.token({ sub: userId, role: 'student' });
      this.tokens.set(userId, token);
    }
    return token;
  }

  /** Submits and resolves with the final submission as the client sees it; `onId` learns the id once accepted. */
  private async follow(planned: PlannedSubmission, onId: (id: string) => void): Promise<any> {
    const { reference } = planned;
    const body = { problemId: reference.problem, languageId: reference.languageId, files: reference.files };
    const deadline = Date.now() + this.settings.stuckAfterMs;
    switch (planned.client) {
      case 'student-wait': {
        const token = this.studentToken(planned.userId);
        const answer = await this.post(`/api/v1/submissions?wait=${this.settings.waitS}`, token, body, [200, 202], this.settings.waitS * 1000 + 30_000);
        onId(answer.body.id);
        return answer.status === 200 && isFinal(answer.body) ? answer.body : this.poll(answer.body.id, token, deadline);
      }
      case 'student-events': {
        const token = this.studentToken(planned.userId);
        const answer = await this.post('/api/v1/submissions', token, body, [202]);
        onId(answer.body.id);
        try {
          return await followUntilFinal(this.system.baseUrl, answer.body.id, token, deadline - Date.now());
        } catch (error) {
          if (Date.now() >= deadline) throw new SubmissionProblem('stuck', `not final after ${this.settings.stuckAfterMs} ms (events: ${(error as Error).message})`);
          throw error;
        }
      }
      case 'lms': {
        const lmsBody = { ...body, userId: planned.userId, externalId: this.externalId(planned), callbackUrl: this.inbox.url };
        const answer = await this.post('/api/v1/submissions', this.lmsToken, lmsBody, [202]);
        const id = String(answer.body.id);
        onId(id);
        if (planned.retry) {
          // The LMS timed out and sends the same attempt again: the first submission comes back.
          const again = await this.post('/api/v1/submissions', this.lmsToken, lmsBody, [200]);
          if (again.body.id !== id) throw new SubmissionProblem('rejected', `the retry with the same externalId made another submission (${again.body.id})`);
        }
        const arrivals = await this.inbox.waitFor(id, deadline - Date.now()).catch(() => {
          throw new SubmissionProblem('stuck', `no webhook within ${this.settings.stuckAfterMs} ms`);
        });
        const record = (await this.system.request('GET', `/api/v1/submissions/${encodeURIComponent(id)}`, { token: this.lmsToken })).body;
        const hooked = arrivals.verdicts[0];
        if (hooked !== record?.result?.verdict) throw new SubmissionProblem('wrong-verdict', `webhook says ${hooked}, the record ${record?.result?.verdict}`);
        return record;
      }
    }
  }

  private async post(path: string, token: string, json: object, expected: number[], timeoutMs = 30_000): Promise<{ status: number; body: any }> {
    const answer = await this.system.request('POST', path, { token, json, timeoutMs });
    if (!expected.includes(answer.status) || typeof answer.body?.id !== 'string') {
      throw new SubmissionProblem('rejected', `POST ${path.split('?')[0]}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return answer;
  }

  private async poll(id: string, token: string, deadline: number): Promise<any> {
    for (;;) {
      const answer = await this.system.request('GET', `/api/v1/submissions/${encodeURIComponent(id)}`, { token });
      if (answer.status === 200 && isFinal(answer.body)) return answer.body;
      if (answer.status !== 200) throw new SubmissionProblem('error', `GET ${id}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
      if (Date.now() >= deadline) throw new SubmissionProblem('stuck', `still ${answer.body.status} after ${this.settings.stuckAfterMs} ms`);
      await sleep(POLL_MS);
    }
  }
}
