import type { WebhookDeliveryFields } from '../../common/webhook-delivery.js';

/** The JSON body of a `submission.judged` webhook. */
export interface SubmissionJudgedPayload {
  type: 'submission.judged';
  /** When the verdict was stored (ISO 8601): the same on every attempt. */
  timestamp: string;
  data: {
    submissionId: string;
    externalId: string | null;
    userId: string;
    problemId: string;
    problemVersion: number;
    verdict: string;
    score: number;
    maxScore: number;
  };
}

/** The payload of a delivery; built from the snapshot fields only, so every attempt sends the same bytes. */
export function buildWebhookPayload(delivery: WebhookDeliveryFields): SubmissionJudgedPayload {
  return {
    type: 'submission.judged',
    timestamp: new Date(Number(delivery.createdAt)).toISOString(),
    data: {
      submissionId: delivery.submissionId,
      externalId: delivery.externalId === '' ? null : delivery.externalId,
      userId: delivery.userId,
      problemId: delivery.problemId,
      problemVersion: Number(delivery.problemVersion),
      verdict: delivery.verdict,
      score: Number(delivery.score),
      maxScore: Number(delivery.maxScore),
    },
  };
}
