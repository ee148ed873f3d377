/** A small fetch wrapper for the dispatcher's JSON API (tests read arbitrary fields of the answers). */

export interface ApiRequestOptions {
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  body?: Buffer;
  contentType?: string;
  /** Abort the request after this long, ms. Default 30 s. */
  timeoutMs?: number;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined when the body is not JSON. */
  body: any;
  text: string;
}

/** Calls `baseUrl + path`; rejects only when no HTTP answer came (refused, reset, timeout). */
export async function apiRequest(baseUrl: string, method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | Blob | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.body !== undefined) {
    body = new Blob([new Uint8Array(options.body)]);
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined && { body }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
