import { describe, expect, it } from 'vitest';
import { checkCallbackUrl, isPrivateAddress } from '../../../dispatcher/webhooks/check-callback-url.js';
import { retryDelayMs } from '../../../dispatcher/webhooks/retry-delay.js';
import { signWebhook, verifyWebhook } from '../../../dispatcher/webhooks/sign-webhook.js';
import { buildWebhookPayload } from '../../../dispatcher/webhooks/webhook-payload.js';
import { webhookDeliveryId, type WebhookDeliveryFields } from '../../../common/webhook-delivery.js';

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(verifyWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}', `v1,bogus ${signature}`)).toBe(true);
    expect(verifyWebhook(secret, 'msg_other', 1614265330, '{"test": 2432232314}', signature)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('is full jitter over an exponential ceiling capped at the maximum', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(retryDelayMs(4, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(30, 1000, 60_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(0);
  });
});

describe('checkCallbackUrl', () => {
  const resolveTo = (...addresses: string[]) => async () => addresses;

  it('accepts public http(s) targets and refuses private ones unless allowed', async () => {
    expect(await checkCallbackUrl('https://lms.example/hook', { allowPrivate: false, resolve: resolveTo('93.184.216.34') })).toBeUndefined();
    expect(await checkCallbackUrl('https://lms.example/hook', { allowPrivate: false, resolve: resolveTo('93.184.216.34', '10.0.0.5') })).toMatch(
      /private/,
    );
    expect(await checkCallbackUrl('http://127.0.0.1:8080/', { allowPrivate: false })).toMatch(/private/);
    expect(await checkCallbackUrl('http://127.0.0.1:8080/', { allowPrivate: true })).toBeUndefined();
    expect(await checkCallbackUrl('file:///etc/passwd', { allowPrivate: true })).toMatch(/only http and https/);
    expect(await checkCallbackUrl('https://user:pw@lms.example/', { allowPrivate: true })).toMatch(/credentials/);
    expect(await checkCallbackUrl('not a url', { allowPrivate: true })).toBe('it is not a URL');
    const failing = async (): Promise<string[]> => {
      throw new Error('ENOTFOUND');
    };
    expect(await checkCallbackUrl('https://nowhere.invalid/', { allowPrivate: false, resolve: failing })).toMatch(/cannot be resolved/);
  });

  it('knows the private, loopback and link-local ranges, including mapped IPv6', () => {
    for (const address of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe('buildWebhookPayload', () => {
  it('builds the same payload from the same snapshot, whatever the attempt', () => {
    const delivery: WebhookDeliveryFields = {
      id: webhookDeliveryId('s1', 2),
      submissionId: 's1',
      round: '2',
      url: 'https://lms.example/hook',
      userId: 'alice',
      externalId: '',
      problemId: 'p',
      problemVersion: '3',
      verdict: 'AC',
      score: '1',
      maxScore: '1',
      createdAt: '1700000000000',
      status: 'pending',
      attempts: '0',
      nextAttemptAt: '1700000000000',
    };
    expect(delivery.id).toBe('s1.2');
    expect(buildWebhookPayload(delivery)).toEqual({
      type: 'submission.judged',
      timestamp: '2023-11-14T22:13:20.000Z',
      data: { submissionId: 's1', externalId: null, userId: 'alice', problemId: 'p', problemVersion: 3, verdict: 'AC', score: 1, maxScore: 1 },
    });
    expect(JSON.stringify(buildWebhookPayload({ ...delivery, attempts: '5' }))).toBe(JSON.stringify(buildWebhookPayload(delivery)));
  });
});
