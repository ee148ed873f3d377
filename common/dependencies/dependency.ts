/**
 * Something a service cannot work without (Redis, RabbitMQ, the container engine), described so that
 * waitForDependency can wait for it at start and say clearly what it waits for and where.
 */
export interface Dependency {
  /** For people: "Redis", "RabbitMQ", "the Docker engine". */
  name: string;
  /** Where it is expected, without credentials: a URL or a socket. */
  address: string;
  /** What the operator should check when it refuses: the settings that point at it. */
  setting: string;
  /** One attempt to reach it (connect, say hello, disconnect); resolves when it answers. */
  probe(): Promise<void>;
  /**
   * True for failures that waiting can cure: nobody answers yet (refused, reset, timed out, no route,
   * name not resolved yet, socket missing) or the server says it is not ready yet (loading, shutting
   * down). Anything else (bad credentials, unknown database or virtual host, a server of another kind,
   * TLS refused) is a refusal that waiting will not fix.
   */
  isUnreachable(error: unknown): boolean;
}

/**
 * A dependency answered but refused us for a reason that waiting will not fix (a wrong password, an
 * unknown virtual host): the service must stop and say what to change, instead of retrying forever.
 */
export class DependencyRefusedError extends Error {
  override readonly name = 'DependencyRefusedError';
}

/** A failure's message, never empty (Node's AggregateError of a dual-stack connect has none of its own). */
export function describeFailure(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    const inner = error.errors.map((each) => describeFailure(each)).filter((text) => text !== '');
    if (inner.length > 0) return [...new Set(inner)].join('; ');
  }
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}

/** `url` without its user name and password, for logs: `amqp://guest:guest@mq:5672/` → `amqp://mq:5672/`. */
export function urlWithoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}
