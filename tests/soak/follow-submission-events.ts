/**
 * A course site following one submission live: GET /api/v1/submissions/:id/events (Server-Sent Events),
 * read with fetch and a stream reader as dispatcher/demo/ does, until the `final` event.
 */

interface SseEvent {
  event: string;
  data: string;
}

/** One event block (`event: x\ndata: …`, lines joined); undefined for comments such as heartbeats. */
function parseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { event, data: data.join('\n') };
}

const isFinal = (submission: { status?: string }): boolean => submission.status === 'done' || submission.status === 'cancelled';

/**
 * Resolves with the submission of the `final` event (or of the first `state` event when it was already
 * final: the stream then ends at once).
 * @throws Error on an HTTP error, a stream that ends without a final event, or after `timeoutMs`.
 */
export async function followUntilFinal(baseUrl: string, submissionId: string, token: string, timeoutMs: number): Promise<any> {
  const response = await fetch(`${baseUrl}/api/v1/submissions/${encodeURIComponent(submissionId)}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 200 || response.body === null) {
    throw new Error(`events of ${submissionId}: HTTP ${response.status} ${await response.text().catch(() => '')}`);
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer = (buffer + decoder.decode(chunk, { stream: true })).replace(/\r\n/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const event = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event === undefined) continue;
      if (event.event === 'final') return JSON.parse(event.data);
      if (event.event === 'state') {
        const state = JSON.parse(event.data);
        if (isFinal(state)) return state;
      }
    }
  }
  throw new Error(`events of ${submissionId}: the stream ended without a final event`);
}
