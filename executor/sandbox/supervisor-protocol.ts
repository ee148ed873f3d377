/**
 * The wire format of executor/sandbox/supervisor-protocol.md: request encoders and an incremental response
 * decoder. Pure: no streams, no timers, no Docker. The run spec and RESULT facts live in run-spec.ts and
 * run-facts.ts.
 */
import type { ProcessSpec, SandboxOwner } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';
import { encodeRunSpec } from './run-spec.js';
import { checkPath, OWNER_ROOTS } from './sandbox-path.js';

/** A request to the supervisor, before it gets an id. */
export type SupervisorRequest =
  | { kind: 'PING' }
  | { kind: 'PUT'; owner: SandboxOwner; mode: number; path: string; content: Buffer }
  | { kind: 'GET'; path: string }
  | { kind: 'DEL'; path: string }
  | { kind: 'MKDIR'; owner: SandboxOwner; path: string }
  | { kind: 'RUN'; procs: readonly ProcessSpec[] }
  | { kind: 'RESET' };

/** A decoded response. `READY 0` carries id 0; ids of the others echo their request. */
export type SupervisorResponse =
  | { kind: 'READY'; id: 0 }
  | { kind: 'OK'; id: number }
  /** id 0: the supervisor could not parse a request, lost sync, and exits after this message. */
  | { kind: 'ERR'; id: number; message: string }
  | { kind: 'DATA'; id: number; data: Buffer }
  | { kind: 'RESULT'; id: number; json: string; stdout: Buffer; stderr: Buffer };

/** Largest payload accepted in either direction: /judge, the biggest tmpfs, is 512 MiB. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;
/** The supervisor's limits: longer header lines or run specs make it lose sync and exit. */
const MAX_REQUEST_HEADER_BYTES = 4095;
const MAX_RUN_SPEC_BYTES = 1024 * 1024;
/** A header longer than this without a newline means the stream is not the protocol (stray output). */
const MAX_HEADER_BYTES = 256;

function checkId(id: number): void {
  if (!Number.isSafeInteger(id) || id <= 0) throw new SandboxError(`invalid request id ${id}`, 'executor');
}

/** Mode bits as the protocol writes them (`0640`); set-id and sticky bits are refused. */
function formatMode(mode: number): string {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o777) {
    throw new SandboxError(`invalid file mode ${mode}: expected 0..0o777`, 'executor');
  }
  return mode.toString(8).padStart(4, '0');
}

function checkPayload(size: number, max = MAX_PAYLOAD_BYTES): void {
  if (size > max) throw new SandboxError(`payload of ${size} bytes is larger than ${max}`, 'executor');
}

/** One header line, UTF-8 (paths may be non-ASCII), checked against the supervisor's line limit. */
function line(...fields: (string | number)[]): Buffer {
  const bytes = Buffer.from(fields.join(' ') + '\n', 'utf8');
  if (bytes.length - 1 > MAX_REQUEST_HEADER_BYTES) {
    throw new SandboxError(`request header of ${bytes.length} bytes is too long`, 'executor');
  }
  return bytes;
}

/**
 * Encodes one request: the header line followed by its payload, as separate buffers so a large file is
 * never copied. Throws SandboxError (culprit executor) for anything the protocol cannot carry safely;
 * nothing is encoded then, so the session stays usable.
 */
export function encodeRequest(id: number, request: SupervisorRequest): Buffer[] {
  checkId(id);
  switch (request.kind) {
    case 'PING':
    case 'RESET':
      return [line(request.kind, id)];
    case 'PUT': {
      checkPath(request.path, OWNER_ROOTS[request.owner]);
      checkPayload(request.content.length);
      const header = line('PUT', id, request.owner, formatMode(request.mode), request.content.length, request.path);
      return request.content.length > 0 ? [header, request.content] : [header];
    }
    case 'GET':
    case 'DEL':
      checkPath(request.path, '/judge');
      return [line(request.kind, id, request.path)];
    case 'MKDIR':
      checkPath(request.path, OWNER_ROOTS[request.owner]);
      return [line('MKDIR', id, request.owner, request.path)];
    case 'RUN': {
      const spec = Buffer.from(encodeRunSpec(request.procs), 'utf8');
      checkPayload(spec.length, MAX_RUN_SPEC_BYTES);
      return [line('RUN', id, spec.length), spec];
    }
  }
}

/** Payload sizes each response kind announces after its id. */
const PAYLOAD_FIELDS: Readonly<Record<SupervisorResponse['kind'], number>> = {
  READY: 0,
  OK: 0,
  ERR: 1,
  DATA: 1,
  RESULT: 3,
};

interface PendingHeader {
  kind: SupervisorResponse['kind'];
  id: number;
  sizes: number[];
  total: number;
}

/**
 * Turns the supervisor's stdout, in chunks of any size and alignment, into responses.
 * Payload bytes are gathered as a list and joined once, so a 100 MB DATA costs one copy, not one per chunk.
 * A malformed header throws SandboxError (culprit sandbox), and the decoder stays broken: after garbage the
 * stream has no trustworthy message boundary left.
 */
export class ResponseDecoder {
  private headerParts: Buffer[] = [];
  private headerLength = 0;
  private pending: PendingHeader | undefined;
  private payloadParts: Buffer[] = [];
  private payloadLength = 0;
  private broken: SandboxError | undefined;

  /** Feeds one chunk; returns every response it completed, in order. */
  push(chunk: Buffer): SupervisorResponse[] {
    if (this.broken) throw this.broken;
    try {
      return this.consume(chunk);
    } catch (error) {
      this.broken = error instanceof SandboxError ? error : new SandboxError(String(error), 'sandbox');
      throw this.broken;
    }
  }

  /** True between messages: an end of stream here loses nothing. */
  get idle(): boolean {
    return this.pending === undefined && this.headerLength === 0;
  }

  private consume(chunk: Buffer): SupervisorResponse[] {
    const out: SupervisorResponse[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.pending === undefined) {
        const newline = chunk.indexOf(0x0a, offset);
        const end = newline === -1 ? chunk.length : newline;
        this.headerParts.push(chunk.subarray(offset, end));
        this.headerLength += end - offset;
        if (this.headerLength > MAX_HEADER_BYTES) {
          throw protocolError('header line too long', Buffer.concat(this.headerParts));
        }
        if (newline === -1) break;
        offset = newline + 1;
        const header = parseHeader(Buffer.concat(this.headerParts, this.headerLength));
        this.headerParts = [];
        this.headerLength = 0;
        if (header.total === 0) out.push(assemble(header, Buffer.alloc(0)));
        else this.pending = header;
      } else {
        const take = Math.min(this.pending.total - this.payloadLength, chunk.length - offset);
        this.payloadParts.push(chunk.subarray(offset, offset + take));
        this.payloadLength += take;
        offset += take;
        if (this.payloadLength === this.pending.total) {
          const payload = Buffer.concat(this.payloadParts, this.payloadLength);
          out.push(assemble(this.pending, payload));
          this.pending = undefined;
          this.payloadParts = [];
          this.payloadLength = 0;
        }
      }
    }
    return out;
  }
}

function protocolError(why: string, header: Buffer): SandboxError {
  const shown = JSON.stringify(header.subarray(0, 80).toString('latin1'));
  return new SandboxError(`supervisor protocol violation: ${why} in header ${shown}`, 'sandbox');
}

function parseHeader(raw: Buffer): PendingHeader {
  const fields = raw.toString('latin1').split(' ');
  const kind = fields[0] as SupervisorResponse['kind'];
  if (!Object.hasOwn(PAYLOAD_FIELDS, kind)) throw protocolError('unknown response', raw);
  const sizeCount = PAYLOAD_FIELDS[kind];
  if (fields.length !== 2 + sizeCount) throw protocolError(`${kind} needs ${1 + sizeCount} fields`, raw);
  const numbers = fields.slice(1).map((field) => {
    if (!/^[0-9]{1,10}$/.test(field)) throw protocolError(`bad number ${JSON.stringify(field)}`, raw);
    return Number(field);
  });
  const [id = 0, ...sizes] = numbers;
  if (kind === 'READY' ? id !== 0 : id === 0 && kind !== 'ERR') throw protocolError('unexpected id', raw);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > MAX_PAYLOAD_BYTES) throw protocolError('payload too large', raw);
  return { kind, id, sizes, total };
}

function assemble(header: PendingHeader, payload: Buffer): SupervisorResponse {
  const { id, sizes } = header;
  switch (header.kind) {
    case 'READY':
      return { kind: 'READY', id: 0 };
    case 'OK':
      return { kind: 'OK', id };
    case 'ERR':
      return { kind: 'ERR', id, message: payload.toString('utf8') };
    case 'DATA':
      return { kind: 'DATA', id, data: payload };
    case 'RESULT': {
      const [jsonSize = 0, stdoutSize = 0] = sizes;
      return {
        kind: 'RESULT',
        id,
        json: payload.subarray(0, jsonSize).toString('utf8'),
        stdout: payload.subarray(jsonSize, jsonSize + stdoutSize),
        stderr: payload.subarray(jsonSize + stdoutSize),
      };
    }
  }
}
