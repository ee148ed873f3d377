/**
 * Memory of a Node service after a full garbage collection. V8 collects lazily: after a few thousand
 * submissions a service's resident memory is tens of MiB above what it holds, and stays there while it idles
 * (an executor's heartbeat keeps V8's idle memory reducer from ever starting). So a leak can only be told
 * from garbage after a GC, and the services expose none: the soak starts them with the inspector on a
 * random loopback port (`--inspect=127.0.0.1:0`, inert until a client connects) and asks over the DevTools
 * protocol for two full GCs and then `process.memoryUsage()`.
 *
 * The WebSocket client is Node's own (global since Node 22; Node 20 needs --experimental-websocket, which
 * `npm run soak` passes).
 */

/** What `process.memoryUsage()` says after the GC, MiB. */
export interface MemoryAfterGc {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** Memory of C++ objects bound to JS objects, Buffers included. */
  externalMb: number;
  /**
   * Of heapUsed, the code spaces (machine code V8 compiled): it grows for a while as V8 optimises the
   * functions a long run makes hot, which is not a leak. NaN on a Node without process.getBuiltinModule.
   */
  codeMb: number;
}

/** The part of the WHATWG WebSocket used here (@types/node 20 does not declare the global). */
interface DevtoolsSocket {
  onopen: (() => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

type DevtoolsSocketClass = new (url: string) => DevtoolsSocket;

/** An answer to a call (with its id), or an event (without). */
interface DevtoolsReply {
  id?: number;
  result?: any;
  error?: { message: string };
}

/** The Node option that makes a service inspectable for memoryAfterGc(). */
export const INSPECT_OPTION = '--inspect=127.0.0.1:0';

/** The inspector's WebSocket URL from a service's output ("Debugger listening on ws://…"). */
export function inspectorUrl(output: string): string | undefined {
  return output.match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
}

/** Whether this Node can talk to the inspector (see the file's comment). */
export function canForceGc(): boolean {
  return typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';
}

const CALL_TIMEOUT_MS = 30_000;

/** Evaluated in the service (an ES module: no `require`, hence process.getBuiltinModule). */
const MEMORY_EXPRESSION = `JSON.stringify({
  ...process.memoryUsage(),
  code: typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('v8').getHeapSpaceStatistics().filter((space) => space.space_name.startsWith('code_')).reduce((sum, space) => sum + space.space_used_size, 0)
    : null,
})`;

export async function memoryAfterGc(url: string): Promise<MemoryAfterGc> {
  const Socket = (globalThis as { WebSocket?: DevtoolsSocketClass }).WebSocket;
  if (Socket === undefined) throw new Error('no global WebSocket: run node with --experimental-websocket (Node 20)');
  const socket = new Socket(url);
  const pending = new Map<number, (reply: DevtoolsReply) => void>();
  let nextId = 0;
  const closed = new Promise<void>((resolve) => (socket.onclose = () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error(`cannot connect to the inspector at ${url}`));
    });
    socket.onmessage = (event) => {
      const reply = JSON.parse(String(event.data)) as DevtoolsReply;
      if (reply.id !== undefined) pending.get(reply.id)?.(reply);
    };
    const call = (method: string, params: object = {}): Promise<any> =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        const timer = setTimeout(() => reject(new Error(`${method}: no answer from the inspector within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
        pending.set(id, (reply) => {
          clearTimeout(timer);
          pending.delete(id);
          if (reply.error !== undefined) reject(new Error(`${method}: ${reply.error.message}`));
          else resolve(reply.result);
        });
        socket.send(JSON.stringify({ id, method, params }));
      });
    // Two: objects with finalizers or weak callbacks are freed only by the second.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const evaluated = await call('Runtime.evaluate', { expression: MEMORY_EXPRESSION, returnByValue: true });
    const usage = JSON.parse(String(evaluated?.result?.value)) as { rss: number; heapUsed: number; heapTotal: number; external: number; code: number | null };
    const mib = (bytes: number): number => bytes / 1024 / 1024;
    return {
      rssMb: mib(usage.rss),
      heapUsedMb: mib(usage.heapUsed),
      heapTotalMb: mib(usage.heapTotal),
      externalMb: mib(usage.external),
      codeMb: usage.code === null ? Number.NaN : mib(usage.code),
    };
  } finally {
    socket.close();
    // The service's end of the connection is one of its fds: gone before anyone counts them again.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
}
