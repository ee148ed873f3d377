import { createServer, type AddressInfo } from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1 (the kernel's pick). For programs that must be told
 * their port up front (a broker, a webhook receiver that is "down" before it first listens).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
