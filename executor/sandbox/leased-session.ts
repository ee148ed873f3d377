/**
 * The session handed to a lease holder: it forwards to the container's session until the lease ends, then
 * refuses. A holder that kept a reference after release() must not reach the next submission's container.
 */
import type { ProcessSpec, RunFacts, SandboxOwner, SandboxSession } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';

export class LeasedSession implements SandboxSession {
  private ended = false;

  constructor(private readonly inner: SandboxSession) {}

  /** Ends the lease; true the first time, false if it had already ended. */
  end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    return true;
  }

  async putFile(path: string, content: Buffer | string, owner: SandboxOwner, mode?: number): Promise<void> {
    return this.live().putFile(path, content, owner, mode);
  }

  async makeDir(path: string, owner: SandboxOwner): Promise<void> {
    return this.live().makeDir(path, owner);
  }

  async getFile(path: string): Promise<Buffer | undefined> {
    return this.live().getFile(path);
  }

  async removePath(path: string): Promise<void> {
    return this.live().removePath(path);
  }

  async run(procs: ProcessSpec[]): Promise<RunFacts> {
    return this.live().run(procs);
  }

  private live(): SandboxSession {
    if (this.ended) throw new SandboxError('sandbox used after its lease was released', 'executor');
    return this.inner;
  }
}
