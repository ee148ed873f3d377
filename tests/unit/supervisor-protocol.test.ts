import { randomBytes } from 'node:crypto';
import { Duplex, PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProcessSpec } from '../../executor/judging/sandbox-session.js';
import { SandboxError } from '../../executor/judging/sandbox-error.js';
import { DockerStreamDemuxer } from '../../executor/sandbox/docker-stream-demuxer.js';
import { parseRunFacts } from '../../executor/sandbox/run-facts.js';
import { encodeRunSpec, wallLimitMs } from '../../executor/sandbox/run-spec.js';
import { checkPath } from '../../executor/sandbox/sandbox-path.js';
import { SupervisorClient } from '../../executor/sandbox/supervisor-client.js';
import {
  encodeRequest,
  ResponseDecoder,
  type SupervisorResponse,
} from '../../executor/sandbox/supervisor-protocol.js';

const wire = (buffers: Buffer[]): string => Buffer.concat(buffers).toString('latin1');
const proc = (extra: Partial<ProcessSpec> = {}): ProcessSpec => ({ argv: ['./main'], cpuMs: 1000, memoryKb: 65536, ...extra });

describe('encodeRequest', () => {
  it('encodes header-only requests', () => {
    expect(wire(encodeRequest(1, { kind: 'PING' }))).toBe('PING 1\n');
    expect(wire(encodeRequest(42, { kind: 'RESET' }))).toBe('RESET 42\n');
    expect(wire(encodeRequest(3, { kind: 'GET', path: '/judge/fb/score.txt' }))).toBe('GET 3 /judge/fb/score.txt\n');
    expect(wire(encodeRequest(4, { kind: 'DEL', path: '/judge/cache/p1' }))).toBe('DEL 4 /judge/cache/p1\n');
    expect(wire(encodeRequest(5, { kind: 'MKDIR', owner: 'root', path: '/judge/fb' }))).toBe('MKDIR 5 root /judge/fb\n');
    expect(wire(encodeRequest(6, { kind: 'MKDIR', owner: 'sandbox', path: '/work/src' }))).toBe(
      'MKDIR 6 sandbox /work/src\n',
    );
  });

  it('encodes PUT with its binary payload passed through uncopied', () => {
    const content = Buffer.from([0, 10, 13, 255, 0x4f, 0x4b, 0x20, 0x31, 10]);
    const frames = encodeRequest(7, { kind: 'PUT', owner: 'root', mode: 0o640, path: '/judge/data/1.in', content });
    expect(frames[0]?.toString('ascii')).toBe('PUT 7 root 0640 9 /judge/data/1.in\n');
    expect(frames[1]).toBe(content);
    expect(frames).toHaveLength(2);
    const empty = encodeRequest(8, { kind: 'PUT', owner: 'sandbox', mode: 0o755, path: '/work/a', content: Buffer.alloc(0) });
    expect(wire(empty)).toBe('PUT 8 sandbox 0755 0 /work/a\n');
  });

  it('formats modes as four octal digits and refuses set-id, sticky and junk', () => {
    const put = (mode: number) => encodeRequest(1, { kind: 'PUT', owner: 'validator', mode, path: '/judge/v', content: Buffer.alloc(0) });
    expect(wire(put(0o7))).toBe('PUT 1 validator 0007 0 /judge/v\n');
    expect(wire(put(0o777))).toBe('PUT 1 validator 0777 0 /judge/v\n');
    for (const mode of [0o4755, 0o1777, -1, 0.5, Number.NaN]) expect(() => put(mode)).toThrow(SandboxError);
  });

  it('enforces where each owner may write', () => {
    const put = (owner: 'root' | 'sandbox' | 'validator', path: string) =>
      encodeRequest(1, { kind: 'PUT', owner, mode: 0o640, path, content: Buffer.alloc(0) });
    expect(() => put('sandbox', '/judge/x')).toThrow(/not below \/work\//);
    expect(() => put('root', '/work/x')).toThrow(/not below \/judge\//);
    expect(() => put('validator', '/tmp/x')).toThrow(SandboxError);
    expect(() => put('root', '/judgement/x')).toThrow(SandboxError);
    expect(() => encodeRequest(1, { kind: 'GET', path: '/work/main.c' })).toThrow(SandboxError);
    expect(() => encodeRequest(1, { kind: 'DEL', path: '/judge' })).toThrow(SandboxError);
    expect(() => encodeRequest(1, { kind: 'DEL', path: '/judge/' })).toThrow(SandboxError);
    expect(() => encodeRequest(1, { kind: 'MKDIR', owner: 'sandbox', path: '/judge/x' })).toThrow(SandboxError);
  });

  it('refuses request ids the protocol cannot carry', () => {
    for (const id of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => encodeRequest(id, { kind: 'PING' })).toThrow(SandboxError);
    }
  });

  it('sends non-ASCII paths as UTF-8', () => {
    expect(encodeRequest(1, { kind: 'GET', path: '/judge/ñ' })[0]).toEqual(Buffer.from('GET 1 /judge/ñ\n', 'utf8'));
  });

  it('refuses a run spec larger than the supervisor reads (1 MiB)', () => {
    const argv = ['gcc', ...Array.from({ length: 40_000 }, (_, i) => `file-number-${i}-with-a-long-name.c`)];
    expect(() => encodeRequest(1, { kind: 'RUN', procs: [proc({ argv })] })).toThrow(/larger than 1048576/);
  });

  it('frames a RUN spec with its byte length (UTF-8, not characters)', () => {
    const frames = encodeRequest(9, { kind: 'RUN', procs: [proc({ argv: ['echo', 'ñandú'] })] });
    const spec = frames[1]!;
    expect(frames[0]?.toString()).toBe(`RUN 9 ${spec.length}\n`);
    expect(spec.toString('utf8')).toContain('arg=ñandú\n');
    expect(spec.length).toBe(Buffer.byteLength(spec.toString('utf8')));
  });
});

describe('checkPath', () => {
  it('accepts ordinary absolute paths', () => {
    for (const path of ['/work', '/work/main.c', '/judge/data/secret/g1/01.in', '/usr/bin/g++', '/a-b_c.d/e~f', '/work/..x', '/judge/v/.compiled', '/work/ñandú.c']) {
      expect(() => checkPath(path)).not.toThrow();
    }
  });

  it.each([
    ['relative', 'work/a'],
    ['empty', ''],
    ['dot-dot', '/work/../judge/x'],
    ['trailing dot-dot', '/work/..'],
    ['dot', '/judge/./x'],
    ['double slash', '/work//a'],
    ['space', '/work/my file.c'],
    ['tab', '/work/a\tb'],
    ['newline', '/work/a\nRESET 1'],
    ['NUL', '/work/a\0b'],
    ['DEL char', '/work/a\x7f'],
    ['C1 control', '/work/a\u0085b'],
    ['Unicode space', '/work/a\u00a0b'],
    ['lone surrogate', '/work/a\ud800b'],
    ['trailing slash', '/judge/fb/'],
    ['root itself', '/'],
    ['too long', '/work/' + 'a'.repeat(4000)],
    ['too long in UTF-8 bytes', '/work/' + 'ñ'.repeat(1999)],
  ])('refuses a %s path', (_name, path) => {
    expect(() => checkPath(path)).toThrow(SandboxError);
  });

  it('names the executor as culprit: paths are chosen by juez', () => {
    expect(() => checkPath('x')).toThrow(expect.objectContaining({ culprit: 'executor' }));
  });
});

describe('encodeRunSpec', () => {
  it('writes every key of a full spec, in order, with repeated arg and env', () => {
    const spec = encodeRunSpec([
      {
        user: 'validator',
        cwd: '/judge/run',
        argv: ['/judge/validator/run', '/judge/data/1.in', '/judge/data/1.ans', '/judge/fb/'],
        env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
        stdin: '/judge/run/out-1',
        stdout: '/judge/run/val-out',
        stderr: 'stdout',
        cpuMs: 2500,
        wallMs: 9000,
        memoryKb: 1048576,
        outputKb: 1024,
        stackKb: 8192,
        maxOpenFiles: 64,
        returnStdoutBytes: 100,
        returnStderrBytes: 200,
      },
    ]);
    expect(spec).toBe(
      [
        'user=validator',
        'cwd=/judge/run',
        'arg=/judge/validator/run',
        'arg=/judge/data/1.in',
        'arg=/judge/data/1.ans',
        'arg=/judge/fb/',
        'env=PATH=/usr/bin:/bin',
        'env=LANG=C.UTF-8',
        'stdin=/judge/run/out-1',
        'stdout=/judge/run/val-out',
        'stderr=stdout',
        'cpu_ms=2500',
        'wall_ms=9000',
        'memory_kb=1048576',
        'output_kb=1024',
        'stack_kb=8192',
        'nofile=64',
        'return_stdout=100',
        'return_stderr=200',
        '',
      ].join('\n'),
    );
  });

  it('leaves optional keys to the supervisor but always states the wall limit', () => {
    expect(encodeRunSpec([proc()])).toBe('arg=./main\ncpu_ms=1000\nwall_ms=4000\nmemory_kb=65536\n');
    expect(wallLimitMs(proc({ cpuMs: 2000 }))).toBe(7000);
    expect(wallLimitMs(proc({ wallMs: 1500 }))).toBe(1500);
  });

  it('separates two processes with -- and allows pipes only then', () => {
    const spec = encodeRunSpec([
      proc({ stdin: 'pipe', stdout: 'pipe' }),
      proc({ user: 'validator', argv: ['/judge/interactor'], stdin: 'pipe', stdout: 'pipe' }),
    ]);
    expect(spec.split('\n--\n')).toHaveLength(2);
    expect(spec).toMatch(/^arg=\.\/main\nstdin=pipe\nstdout=pipe\n/);
    expect(spec).toContain('--\nuser=validator\narg=/judge/interactor\nstdin=pipe\n');
    expect(() => encodeRunSpec([proc({ stdin: 'pipe' })])).toThrow(/needs two processes/);
    expect(() => encodeRunSpec([proc({ stdout: 'pipe' })])).toThrow(SandboxError);
    expect(() => encodeRunSpec([proc(), proc(), proc()])).toThrow(/1 or 2/);
    expect(() => encodeRunSpec([proc({ stdout: 'pipe' }), proc({ stdout: 'pipe' })])).toThrow(/stdin=pipe of the other/);
    expect(() => encodeRunSpec([proc({ stdout: 'pipe', stdin: 'pipe' }), proc({ stdin: 'pipe' })])).toThrow(SandboxError);
    expect(() => encodeRunSpec([])).toThrow(SandboxError);
  });

  it('passes arguments verbatim: spaces, = and -- cannot be confused with keys', () => {
    const spec = encodeRunSpec([proc({ argv: ['gcc', 'my file.c', 'user=root', '--', '-o', 'a b'] })]);
    expect(spec).toContain('arg=my file.c\narg=user=root\narg=--\narg=-o\narg=a b\n');
  });

  it.each([
    ['a newline in argv (a student file name)', proc({ argv: ['gcc', 'x.c\nuser=validator'] })],
    ['a NUL in argv', proc({ argv: ['gcc', 'x.c\0.h'] })],
    ['a newline at the end of argv', proc({ argv: ['gcc', 'x.c\n'] })],
    ['a newline in an env value', proc({ env: { A: 'x\ncwd=/judge' } })],
    ['a NUL in an env value', proc({ env: { A: 'x\0' } })],
    ['= in an env name', proc({ env: { 'A=B': 'x' } })],
    ['an empty env name', proc({ env: { '': 'x' } })],
    ['a newline in an env name', proc({ env: { 'A\nuser': 'x' } })],
    ['an empty argv', proc({ argv: [] })],
    ['an empty argv[0]', proc({ argv: [''] })],
    ['a relative cwd', proc({ cwd: 'work' })],
    ['a cwd with ..', proc({ cwd: '/work/../judge' })],
    ['a stdin path with a newline', proc({ stdin: '/judge/1.in\nuser=validator' })],
    ['a stdout path with a space', proc({ stdout: '/judge/a b' })],
    ['stderr=pipe', proc({ stderr: 'pipe' })],
    ['an unknown user', proc({ user: 'root' as 'sandbox' })],
    ['a zero cpu limit', proc({ cpuMs: 0 })],
    ['a cpu limit over a day', proc({ cpuMs: 86_400_001 })],
    ['fewer than 4 open files', proc({ maxOpenFiles: 3 })],
    ['more than 64 MiB of returned stdout', proc({ returnStdoutBytes: 64 * 1024 * 1024 + 1 })],
    ['a negative memory limit', proc({ memoryKb: -1 })],
    ['an infinite wall limit', proc({ wallMs: Number.POSITIVE_INFINITY })],
    ['a NaN output limit', proc({ outputKb: Number.NaN })],
  ])('refuses %s, naming the executor', (_name, spec) => {
    expect(() => encodeRunSpec([spec])).toThrow(expect.objectContaining({ name: 'SandboxError', culprit: 'executor' }));
  });

  it('rounds fractional limits up', () => {
    expect(encodeRunSpec([proc({ cpuMs: 1500.2, memoryKb: 1000.5 })])).toContain('cpu_ms=1501\nwall_ms=5501\nmemory_kb=1001\n');
  });
});

/** The bytes of one response as the supervisor would write it. */
function frame(header: string, ...payloads: (Buffer | string)[]): Buffer {
  return Buffer.concat([Buffer.from(header + '\n'), ...payloads.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))]);
}

describe('ResponseDecoder', () => {
  const binary = Buffer.from([0x0a, 0x00, 0xff, 0x4f, 0x4b, 0x20, 0x31, 0x0a, 0x0d]); // contains "OK 1\n"
  const json = '{"procs":[],"oomKills":0}';
  const stream = Buffer.concat([
    frame('READY 0'),
    frame('OK 1'),
    frame('ERR 2 16', 'ENOENT /judge/x\n'),
    frame(`DATA 3 ${binary.length}`, binary),
    frame('DATA 4 0'),
    frame(`RESULT 5 ${json.length} ${binary.length} 3`, json, binary, 'e\nr'),
    frame('RESULT 6 2 0 0', '{}'),
    frame('OK 7'),
  ]);
  const expected: SupervisorResponse[] = [
    { kind: 'READY', id: 0 },
    { kind: 'OK', id: 1 },
    { kind: 'ERR', id: 2, message: 'ENOENT /judge/x\n' },
    { kind: 'DATA', id: 3, data: binary },
    { kind: 'DATA', id: 4, data: Buffer.alloc(0) },
    { kind: 'RESULT', id: 5, json, stdout: binary, stderr: Buffer.from('e\nr') },
    { kind: 'RESULT', id: 6, json: '{}', stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) },
    { kind: 'OK', id: 7 },
  ];
  const decodeInChunks = (chunks: Buffer[]): SupervisorResponse[] => {
    const decoder = new ResponseDecoder();
    return chunks.flatMap((chunk) => decoder.push(chunk));
  };

  it('decodes many messages from one chunk', () => {
    expect(decodeInChunks([stream])).toEqual(expected);
  });

  it('decodes the same messages byte by byte', () => {
    expect(decodeInChunks([...stream].map((byte) => Buffer.from([byte])))).toEqual(expected);
  });

  it('decodes the same messages whatever the split point', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(decodeInChunks([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(expected);
    }
  });

  it('decodes random chunkings', () => {
    for (let round = 0; round < 200; round++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < stream.length; ) {
        const size = 1 + Math.floor(Math.random() * 20);
        chunks.push(stream.subarray(at, at + size));
        at += size;
      }
      expect(decodeInChunks(chunks)).toEqual(expected);
    }
  });

  it('reassembles a large binary payload sent in 64 KiB chunks', () => {
    const data = randomBytes(5 * 1024 * 1024 + 7);
    const all = Buffer.concat([frame(`DATA 9 ${data.length}`, data), frame('OK 10')]);
    const chunks: Buffer[] = [];
    for (let at = 0; at < all.length; at += 65536) chunks.push(all.subarray(at, at + 65536));
    const out = decodeInChunks(chunks);
    expect(out).toHaveLength(2);
    expect(out[0]?.kind === 'DATA' && out[0].data.equals(data)).toBe(true);
    expect(out[1]).toEqual({ kind: 'OK', id: 10 });
  });

  it('accepts ERR 0, the supervisor’s last words when it lost sync', () => {
    expect(new ResponseDecoder().push(frame('ERR 0 6', 'EPROTO'))).toEqual([{ kind: 'ERR', id: 0, message: 'EPROTO' }]);
  });

  it('reports whether it stands between messages', () => {
    const decoder = new ResponseDecoder();
    expect(decoder.idle).toBe(true);
    decoder.push(Buffer.from('DATA 1 4\nab'));
    expect(decoder.idle).toBe(false);
    decoder.push(Buffer.from('cd'));
    expect(decoder.idle).toBe(true);
    decoder.push(Buffer.from('OK'));
    expect(decoder.idle).toBe(false);
  });

  it.each([
    ['an unknown kind', 'HELLO 1\n'],
    ['a stray debug line', 'debug: x=1\n'],
    ['an empty line', '\n'],
    ['a missing size', 'ERR 1\n'],
    ['an extra field', 'OK 1 2\n'],
    ['a double space', 'OK  1\n'],
    ['a negative number', 'DATA 1 -5\n'],
    ['a non-decimal number', 'DATA 1 0x10\n'],
    ['a CRLF line', 'OK 1\r\n'],
    ['READY with another id', 'READY 1\n'],
    ['a response with id 0', 'OK 0\n'],
    ['DATA with id 0', 'DATA 0 0\n'],
    ['an oversized payload', 'DATA 1 9999999999\n'],
    ['a header that never ends', 'OK ' + '1'.repeat(300)],
  ])('rejects %s and stays broken', (_name, text) => {
    const decoder = new ResponseDecoder();
    expect(() => decoder.push(Buffer.from(text))).toThrow(expect.objectContaining({ culprit: 'sandbox' }));
    expect(() => decoder.push(Buffer.from('OK 1\n'))).toThrow(SandboxError);
  });
});

describe('parseRunFacts', () => {
  const proc0 = { exitCode: 0, signal: 0, cpuMs: 1.25, wallMs: 2.5, memoryKb: 1404, limit: null, stdoutBytes: 12, stderrBytes: 0 };

  it('builds RunFacts from the RESULT payloads', () => {
    const facts = parseRunFacts(JSON.stringify({ procs: [proc0], oomKills: 0 }), Buffer.from('out'), Buffer.from('err'), 1);
    expect(facts).toEqual({ procs: [proc0], oomKills: 0, stdout: Buffer.from('out'), stderr: Buffer.from('err') });
  });

  it('accepts a killed process and both processes of an interactive run', () => {
    const killed = { ...proc0, exitCode: null, signal: 9, limit: 'cpu' };
    const facts = parseRunFacts(JSON.stringify({ procs: [killed, proc0], oomKills: 1 }), Buffer.alloc(0), Buffer.alloc(0), 2);
    expect(facts.procs[0]).toEqual(killed);
    expect(facts.oomKills).toBe(1);
  });

  it.each([
    ['invalid JSON', '{"procs":'],
    ['not an object', '[]'],
    ['the wrong number of processes', JSON.stringify({ procs: [proc0, proc0], oomKills: 0 })],
    ['a missing field', JSON.stringify({ procs: [{ ...proc0, cpuMs: undefined }], oomKills: 0 })],
    ['a string number', JSON.stringify({ procs: [{ ...proc0, memoryKb: '12' }], oomKills: 0 })],
    ['an unknown limit', JSON.stringify({ procs: [{ ...proc0, limit: 'time' }], oomKills: 0 })],
    ['a fractional exit code', JSON.stringify({ procs: [{ ...proc0, exitCode: 0.5 }], oomKills: 0 })],
    ['a missing oomKills', JSON.stringify({ procs: [proc0] })],
  ])('rejects %s as the sandbox’s fault', (_name, json) => {
    expect(() => parseRunFacts(json, Buffer.alloc(0), Buffer.alloc(0), 1)).toThrow(
      expect.objectContaining({ culprit: 'sandbox' }),
    );
  });
});

describe('DockerStreamDemuxer', () => {
  const dockerFrame = (type: number, text: string): Buffer => {
    const header = Buffer.alloc(8);
    header[0] = type;
    header.writeUInt32BE(Buffer.byteLength(text), 4);
    return Buffer.concat([header, Buffer.from(text)]);
  };

  it('routes frames to stdout and stderr whatever the chunking', () => {
    const all = Buffer.concat([dockerFrame(1, 'READY 0\n'), dockerFrame(2, 'log line\n'), dockerFrame(1, ''), dockerFrame(1, 'OK 1\n')]);
    for (let cut = 0; cut <= all.length; cut++) {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const demuxer = new DockerStreamDemuxer((b) => out.push(b), (b) => err.push(b));
      demuxer.push(all.subarray(0, cut));
      demuxer.push(all.subarray(cut));
      expect(Buffer.concat(out).toString()).toBe('READY 0\nOK 1\n');
      expect(Buffer.concat(err).toString()).toBe('log line\n');
    }
  });

  it('refuses a stream that is not multiplexed', () => {
    const demuxer = new DockerStreamDemuxer(() => {}, () => {});
    expect(() => demuxer.push(Buffer.from('READY 0\nOK 1\n'))).toThrow(SandboxError);
  });
});

/** A supervisor played by the test: reads what the client writes, answers what the test says. */
function fakeSupervisor() {
  const toSupervisor = new PassThrough();
  const fromSupervisor = new PassThrough();
  const stream = Duplex.from({ writable: toSupervisor, readable: fromSupervisor });
  let received = '';
  toSupervisor.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  return {
    stream,
    say: (...frames: Buffer[]) => fromSupervisor.write(Buffer.concat(frames)),
    end: () => fromSupervisor.end(),
    received: () => received,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SupervisorClient', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pipelines requests and settles them in order', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    const ready = client.waitReady(1000);
    const ping = client.ping();
    const put = client.putFile('/work/main.c', 'int main(){}', 'sandbox');
    const get = client.getFile('/judge/fb/score.txt');
    const missing = client.getFile('/judge/fb/none');
    await tick();
    expect(sup.received()).toBe(
      'PING 1\nPUT 2 sandbox 0644 12 /work/main.c\nint main(){}GET 3 /judge/fb/score.txt\nGET 4 /judge/fb/none\n',
    );
    sup.say(frame('READY 0'), frame('OK 1'), frame('OK 2'), frame('DATA 3 2', '42'), frame('ERR 4 22', 'ENOENT /judge/fb/none\n'));
    await ready;
    await expect(ping).resolves.toBeUndefined();
    await expect(put).resolves.toBeUndefined();
    await expect(get).resolves.toEqual(Buffer.from('42'));
    await expect(missing).resolves.toBeUndefined();
    expect(client.dead).toBe(false);
  });

  it('turns a RESULT into RunFacts', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    const run = client.run([proc({ returnStdoutBytes: 10 })]);
    const json = JSON.stringify({
      procs: [{ exitCode: 3, signal: 0, cpuMs: 1, wallMs: 2, memoryKb: 3, limit: null, stdoutBytes: 5, stderrBytes: 0 }],
      oomKills: 0,
    });
    sup.say(frame(`RESULT 1 ${json.length} 5 0`, json, 'hello'));
    await expect(run).resolves.toMatchObject({ procs: [{ exitCode: 3 }], stdout: Buffer.from('hello') });
  });

  it('rejects a refused request and keeps working; a failed RESET carries what was left', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    const del = client.removePath('/judge/x');
    const reset = client.reset();
    const ping = client.ping();
    sup.say(frame('ERR 1 6', 'EPERM!'), frame('ERR 2 19', 'pid 77 still alive\n'), frame('OK 3'));
    await expect(del).rejects.toThrow(/refused DEL 1: EPERM!/);
    await expect(reset).rejects.toThrow(/pid 77 still alive/);
    await expect(ping).resolves.toBeUndefined();
    expect(client.dead).toBe(false);
  });

  it('removes a missing path without complaint, like rm -rf', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    const del = client.removePath('/judge/validators/abc');
    sup.say(frame('ERR 1 40', 'ENOENT stat /judge/validators/abc: gone..'));
    await expect(del).resolves.toBeUndefined();
  });

  it('dies with the supervisor’s message when it lost sync (ERR 0)', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    const ping = client.ping();
    sup.say(frame('ERR 0 23', 'EPROTO malformed header'));
    await expect(ping).rejects.toThrow(/lost sync and exits: EPROTO malformed header/);
    expect(client.dead).toBe(true);
  });

  it('refuses an unencodable request without touching the stream', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    await expect(client.run([proc({ argv: ['a\nb'] })])).rejects.toThrow(expect.objectContaining({ culprit: 'executor' }));
    await expect(client.putFile('/judge/x y', '', 'root')).rejects.toThrow(SandboxError);
    const ping = client.ping();
    await tick();
    expect(sup.received()).toMatch(/^PING \d+\n$/);
    sup.say(frame(`OK ${sup.received().split(' ')[1]!.trim()}`));
    await expect(ping).resolves.toBeUndefined();
  });

  it('dies on an answer to the wrong request, rejecting everything pending', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    const first = client.ping();
    const second = client.ping();
    sup.say(frame('OK 2'));
    await expect(first).rejects.toThrow(/expected PING 1/);
    await expect(second).rejects.toThrow(SandboxError);
    await expect(client.ping()).rejects.toThrow(SandboxError);
    expect(client.dead).toBe(true);
    await expect(client.closed).resolves.toBeInstanceOf(SandboxError);
  });

  it('dies on a response of the wrong kind and on garbage', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'));
    const ping = client.ping();
    sup.say(frame('DATA 1 0'));
    await expect(ping).rejects.toThrow(/answered PING 1 with DATA/);

    const sup2 = fakeSupervisor();
    const client2 = new SupervisorClient(sup2.stream);
    const ping2 = client2.ping();
    sup2.say(Buffer.from('Segmentation fault\n'));
    await expect(ping2).rejects.toThrow(/protocol violation/);
  });

  it('rejects every pending call when the container dies', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    const ready = client.waitReady(10_000);
    const run = client.run([proc()]);
    sup.end();
    await expect(ready).rejects.toThrow(/stream ended/);
    await expect(run).rejects.toThrow(expect.objectContaining({ culprit: 'sandbox' }));
    expect(client.dead).toBe(true);
  });

  it('declares a silent supervisor wedged after the wall limit plus the margin', async () => {
    vi.useFakeTimers();
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream, { marginMs: 1000 });
    sup.say(frame('READY 0'));
    await vi.advanceTimersByTimeAsync(0);
    const run = client.run([proc({ cpuMs: 1000, wallMs: 2000 })]);
    const after = client.ping();
    const settled = vi.fn();
    const runFails = expect(run.finally(settled)).rejects.toThrow(/did not answer RUN 1 within 3000 ms/);
    const afterFails = expect(after).rejects.toThrow(SandboxError);
    await vi.advanceTimersByTimeAsync(2999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2);
    await runFails;
    await afterFails;
    expect(client.dead).toBe(true);
  });

  it('starts a pipelined request’s clock only when its turn comes', async () => {
    vi.useFakeTimers();
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream, { marginMs: 1000 });
    sup.say(frame('READY 0'));
    await vi.advanceTimersByTimeAsync(0);
    const run = client.run([proc({ wallMs: 5000 })]);
    const ping = client.ping();
    await vi.advanceTimersByTimeAsync(4000); // longer than the ping's own 1000 ms
    const json = JSON.stringify({ procs: [{ exitCode: 0, signal: 0, cpuMs: 0, wallMs: 0, memoryKb: 0, limit: null, stdoutBytes: 0, stderrBytes: 0 }], oomKills: 0 });
    sup.say(frame(`RESULT 1 ${json.length} 0 0`, json));
    await vi.advanceTimersByTimeAsync(0);
    await expect(run).resolves.toBeDefined();
    await vi.advanceTimersByTimeAsync(500);
    sup.say(frame('OK 2'));
    await vi.advanceTimersByTimeAsync(0);
    await expect(ping).resolves.toBeUndefined();
  });

  it('gives up waiting for READY', async () => {
    vi.useFakeTimers();
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    const ready = client.waitReady(500);
    const assertion = expect(ready).rejects.toThrow(/READY within 500 ms/);
    await vi.advanceTimersByTimeAsync(501);
    await assertion;
    expect(client.dead).toBe(true);
  });

  it('dies when the supervisor says READY twice', async () => {
    const sup = fakeSupervisor();
    const client = new SupervisorClient(sup.stream);
    sup.say(frame('READY 0'), frame('READY 0'));
    await expect(client.closed).resolves.toMatchObject({ message: expect.stringMatching(/READY twice/) });
  });
});
