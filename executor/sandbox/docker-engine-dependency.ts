import type Docker from 'dockerode';
import type { Dependency } from '../../common/dependencies/dependency.js';
import { isEngineUnreachable } from './engine-health.js';

/** The parts of docker-modem's connection settings that say where the engine is (its typings omit them). */
interface ModemAddress {
  socketPath?: unknown;
  getSocketPath?: () => Promise<string | undefined>;
  protocol?: string;
  host?: string;
  port?: string | number;
}

/**
 * The container engine `docker` talks to (DOCKER_HOST, or the default socket), as a dependency to wait for
 * at start: probed with GET /_ping. Unreachable while its socket is missing or refuses connections; a
 * socket we may not open (EACCES) or an engine that answers with an error is a refusal.
 */
export async function dockerEngineDependency(docker: Docker): Promise<Dependency> {
  return {
    name: 'the Docker engine',
    address: await engineAddress(docker),
    setting: 'DOCKER_HOST (unset: /var/run/docker.sock) and whether this user may use that socket (the docker group)',
    async probe() {
      await docker.ping();
    },
    isUnreachable: isEngineUnreachable,
  };
}

async function engineAddress(docker: Docker): Promise<string> {
  const modem = docker.modem as unknown as ModemAddress;
  if (modem.socketPath !== undefined && modem.getSocketPath !== undefined) {
    const path = await modem.getSocketPath().catch(() => undefined);
    if (path !== undefined) return `unix://${path}`;
  }
  return `${modem.protocol ?? 'http'}://${modem.host ?? 'localhost'}:${modem.port ?? 2375}`;
}
