/**
 * Server-Sent Events, read from a byte stream (the WHATWG "event stream" format): `event:` and `data:`
 * fields, several `data:` lines joined with newlines, comments (`: heartbeat`) skipped, an event ends at a
 * blank line. Lines may end in LF, CRLF or CR.
 */

/** One event. `event` is `message` when the server named none. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/** Yields the events of `stream` until it ends; an event cut off by the end of the stream is dropped. */
export async function* readServerSentEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: RegExpExecArray | null;
    // A CR at the very end of the buffer may be the first half of a CRLF: wait for the next chunk.
    while ((end = /\r\n|\n|\r(?=[^\n])/.exec(buffer)) !== null) {
      const line = buffer.slice(0, end.index);
      buffer = buffer.slice(end.index + end[0].length);
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), ...(id !== undefined && { id }) };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  }
}
