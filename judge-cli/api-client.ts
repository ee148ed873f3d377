/**
 * The juez HTTP API as judge-cli uses it. Every failure becomes a CliError with one line to show: an HTTP
 * error carries the server's stable code and message (ApiError), a network failure names the URL.
 */
import { CliError } from './cli-error.js';
import type { ServerTarget } from './cli-config.js';

/** Query values; arrays become repeated parameters (`status=queued&status=judging`). */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** How long an ordinary request may take, ms. Uploads and event streams are not limited by it. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Upload chunk size: small enough for a smooth progress bar, large enough not to cost anything. */
const UPLOAD_CHUNK_BYTES = 64 * 1024;

/** The server answered with an error (`{"error": {"code", "message", "details"}}`). */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(`${code}: ${serverMessage} (HTTP ${status})`);
  }

  /** The message, then one line per problem the server listed (invalid fields, package problems); main.ts prefixes each. */
  lines(): string[] {
    const fields = Array.isArray(this.details?.['fields']) ? (this.details['fields'] as { in?: string; field?: string; message?: string }[]) : [];
    const problems = Array.isArray(this.details?.['problems']) ? (this.details['problems'] as unknown[]) : [];
    return [
      this.message,
      ...fields.map((f) => `${[f.in, f.field].filter(Boolean).join(' ')}: ${f.message ?? ''}`),
      ...problems.map(String),
    ];
  }
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** A client for one server and token. */
export class ApiClient {
  constructor(private readonly target: ServerTarget) {}

  get url(): string {
    return this.target.url;
  }

  /** GET `path` and parse the JSON answer. @throws ApiError, CliError. */
  async get<T>(path: string, query: Query = {}): Promise<T> {
    return this.json<T>(await this.send(path + queryString(query), { method: 'GET' }, REQUEST_TIMEOUT_MS));
  }

  /** POST a JSON body (or none) and parse the JSON answer. @throws ApiError, CliError. */
  async post<T>(path: string, body?: unknown, query: Query = {}): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? { method: 'POST' }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return this.json<T>(await this.send(path + queryString(query), init, REQUEST_TIMEOUT_MS));
  }

  /**
   * POST a binary body, reporting how much of it was handed to the connection as it goes.
   * @throws ApiError, CliError.
   */
  async upload<T>(path: string, query: Query, body: Buffer, contentType: string, onProgress?: (progress: UploadProgress) => void): Promise<T> {
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      // fetch pulls the next chunk only when the socket took the previous one: progress follows the wire.
      pull(controller) {
        if (offset >= body.length) {
          controller.close();
          return;
        }
        const chunk = body.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
        offset += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
        onProgress?.({ sentBytes: offset, totalBytes: body.length });
      },
    });
    const init = {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': String(body.length) },
      body: stream,
      duplex: 'half',
    } as RequestInit;
    return this.json<T>(await this.send(path + queryString(query), init, undefined));
  }

  /**
   * Opens an event stream (`text/event-stream`); `signal` closes it.
   * @throws ApiError, CliError.
   */
  async openEventStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const response = await this.send(path, { method: 'GET', headers: { accept: 'text/event-stream' }, signal }, undefined);
    if (!response.ok) await this.json(response);
    if (response.body === null) throw new CliError(`${this.target.url}${path}: the server sent no event stream`);
    return response.body;
  }

  private async send(path: string, init: RequestInit, timeoutMs: number | undefined): Promise<Response> {
    const url = `${this.target.url}${path}`;
    const signals = [init.signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)].filter((s) => s != null);
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.target.token}`);
    try {
      return await fetch(url, { ...init, headers, ...(signals.length > 0 && { signal: AbortSignal.any(signals) }) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new CliError(`${url}: no answer within ${(timeoutMs ?? 0) / 1000} s`);
      throw new CliError(`cannot reach the juez server at ${this.target.url}: ${describeNetworkError(error)}`);
    }
  }

  /** The JSON body of a 2xx answer. @throws ApiError for any other status. */
  private async json<T>(response: Response): Promise<T> {
    const text = await response.text().catch((error: unknown) => {
      throw new CliError(`${response.url}: the answer was cut off: ${describeNetworkError(error)}`);
    });
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) {
      if (parsed === undefined && text !== '') throw new CliError(`${response.url}: the answer is not JSON (is this a juez server?)`);
      return parsed as T;
    }
    const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    if (typeof error?.code === 'string') {
      const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
      throw new ApiError(response.status, error.code, typeof error.message === 'string' ? error.message : '', details);
    }
    // Not a juez error body: a proxy, or a server that is not juez.
    throw new CliError(`${response.url}: HTTP ${response.status} ${response.statusText} (not a juez error response; is this a juez server?)`);
  }
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** fetch hides the reason in `cause` (`ECONNREFUSED 127.0.0.1:8080`, `ENOTFOUND host`). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof AggregateError && cause.errors.length > 0) return describeNetworkError({ cause: cause.errors[0] });
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
