import amqp from 'amqplib';
import { isConnectionFailure } from './connection-failure.js';
import { type Dependency, urlWithoutCredentials } from './dependency.js';

/**
 * amqplib's failures that mean "not now": its own handshake timeout (an Error without a code), a socket
 * closed while opening (a broker starting or stopping), and a broker closing connections because it shuts
 * down (320 CONNECTION_FORCED). A refused login (403 ACCESS_REFUSED), an unknown or forbidden virtual host
 * (the broker closes the connection instead of opening it: "Expected ConnectionOpenOk") or a server that
 * does not speak AMQP are not.
 */
const NOT_READY_MESSAGE = /^connect ETIMEDOUT$|^Socket closed abruptly during opening handshake$|^Handshake terminated by server: 320\b/;

/**
 * RabbitMQ at `url`, probed with a connection of its own that completes the AMQP handshake (login and
 * virtual host) and is closed.
 * @param setting the variable that holds `url`, named in the message of a refusal.
 */
export function rabbitMqDependency(url: string, setting: string): Dependency {
  return {
    name: 'RabbitMQ',
    address: urlWithoutCredentials(url),
    setting: `${setting} (host, port, user name, password, virtual host)`,
    async probe() {
      const connection = await amqp.connect(url, { timeout: 5_000 }).catch((error: unknown) => {
        // amqplib drops the broker's reason when it refuses to open the virtual host.
        if (!(error instanceof Error && error.message.startsWith('Expected ConnectionOpenOk; got <ConnectionClose'))) throw error;
        const vhost = decodeURIComponent(new URL(url).pathname.slice(1)) || '/';
        throw new Error(`the broker would not open virtual host '${vhost}' (does it exist, may this user use it?)`, { cause: error });
      });
      connection.on('error', () => {}); // closing is all that is left to do
      await connection.close();
    },
    isUnreachable: (error) => isConnectionFailure(error) || (error instanceof Error && NOT_READY_MESSAGE.test(error.message)),
  };
}
