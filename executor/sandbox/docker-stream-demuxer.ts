/**
 * Splits a non-TTY `docker attach` stream into stdout and stderr. Each frame is an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) followed by that many bytes.
 *
 * Why not docker-modem's demuxStream: it re-concatenates its whole buffer on every chunk (quadratic on a
 * large RESULT) and, on a header it does not recognise, silently passes everything through as stdout, which
 * would feed frame headers to the protocol decoder. Here a bad header is an error.
 */
import { SandboxError } from '../judging/sandbox-error.js';

const HEADER_BYTES = 8;
const STDOUT = 1;
const STDERR = 2;

export class DockerStreamDemuxer {
  private header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  /** Bytes left in the current frame, and where they go. */
  private remaining = 0;
  private target = STDOUT;

  constructor(
    private readonly onStdout: (chunk: Buffer) => void,
    private readonly onStderr: (chunk: Buffer) => void,
  ) {}

  /** Feeds one chunk of the attach stream. Payload slices are passed on without copying. */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < HEADER_BYTES) return;
        this.headerFill = 0;
        const type = this.header[0];
        if ((type !== STDOUT && type !== STDERR) || this.header.readUIntBE(1, 3) !== 0) {
          throw new SandboxError(`docker attach stream: bad frame header ${this.header.toString('hex')}`, 'sandbox');
        }
        this.target = type;
        this.remaining = this.header.readUInt32BE(4);
      } else {
        const take = Math.min(this.remaining, chunk.length - offset);
        const slice = chunk.subarray(offset, offset + take);
        this.remaining -= take;
        offset += take;
        if (this.target === STDOUT) this.onStdout(slice);
        else this.onStderr(slice);
      }
    }
  }
}
