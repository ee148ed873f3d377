/** The outcome of one HTTP attempt: a status (any, 3xx included), or no response at all. */
export type SendOutcome = { status: number } | { status: 0; error: string };

export type WebhookSender = (url: string, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<SendOutcome>;

/**
 * POSTs a webhook. Redirects are not followed (a 3xx is reported as is, and counts as a failure): a
 * redirect could lead the signed payload somewhere the URL check never saw.
 */
export const sendWebhook: WebhookSender = async (url, headers, body, timeoutMs) => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'juez-webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain (bounded by the timeout) so the connection can be reused; the content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no response within ${timeoutMs} ms` : error.message) : String(error);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: 0, error: cause !== undefined ? `${reason} (${cause})` : reason };
  }
};
