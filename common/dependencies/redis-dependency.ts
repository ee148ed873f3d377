import { ConnectionTimeoutError, createClient, ErrorReply, SocketClosedUnexpectedlyError } from 'redis';
import { isConnectionFailure } from './connection-failure.js';
import { type Dependency, urlWithoutCredentials } from './dependency.js';

/**
 * Replies that mean "not now" rather than "no": a dataset being loaded after a restart, a script running,
 * a replica without its master, every client slot taken.
 */
const NOT_READY_REPLY = /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN|CLUSTERDOWN)\b|max number of clients reached/;

/**
 * Redis at `url`, probed with a connection of its own (no reconnecting: the wait does the retrying) that
 * logs in, selects the database, answers PING and is closed.
 * @param setting the variable that holds `url`, named in the message of a refusal.
 */
export function redisDependency(url: string, setting: string): Dependency {
  return {
    name: 'Redis',
    address: urlWithoutCredentials(url),
    setting: `${setting} (host, port, user name, password, database number)`,
    async probe() {
      const client = createClient({ url, socket: { connectTimeout: 5_000, reconnectStrategy: false } });
      client.on('error', () => {}); // the same error rejects connect() or ping()
      try {
        await client.connect();
        await client.ping();
      } finally {
        client.destroy();
      }
    },
    isUnreachable: (error) =>
      isConnectionFailure(error) ||
      error instanceof ConnectionTimeoutError ||
      // Closed during the handshake: a server shutting down or starting, or something else on that port.
      error instanceof SocketClosedUnexpectedlyError ||
      (error instanceof ErrorReply && NOT_READY_REPLY.test(error.message)),
  };
}
