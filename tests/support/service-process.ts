/**
 * A juez service (dispatcher or executor) run from the build as a child process, the way it runs in
 * production, with its output captured line by line for assertions and failure messages.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: two levels up from tests/support/ when run from source (vitest), three from
 * dist/tests/support/ when run from the build (the benchmarks).
 */
export const REPO_ROOT =
  ['../../', '../../../'].map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((dir) => existsSync(`${dir}package.json`)) ??
  fileURLToPath(new URL('../../', import.meta.url));

/** One line of a service's output: pino's JSON object, or `{ msg: <text> }` for a line that is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string };

export interface ServiceProcess {
  name: string;
  pid: number;
  /** Everything the process wrote (stdout and stderr, in arrival order; the oldest lines past a cap are dropped). */
  logs(): string;
  /**
   * Sends `signal` (default SIGTERM) and resolves with the exit code once the process is gone (null when a
   * signal ended it). A process still alive 30 s after SIGTERM is killed. Resolves at once if it already exited.
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code (null when ended by a signal) once the process exited and its output is read. */
  exited: Promise<number | null>;
  /** The output so far, one entry per line. */
  logLines(): LogLine[];
  /** Resolves with the first line (already written or to come) that `match` accepts; rejects if the process exits first. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

/** Lines kept per process: enough for a load test, bounded for a long benchmark. */
const MAX_LINES = 50_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Children still running. If the test process exits without stopping them (a crash, a timed-out hook),
 * they get SIGTERM on the way out: services then shut down cleanly (an executor removes its containers),
 * and the broker's start script stops the broker instead of leaving it orphaned.
 */
const running = new Set<{ kill(signal: NodeJS.Signals): boolean }>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/**
 * Starts `node <script>` (a path relative to the repository root, e.g. `dist/dispatcher/main.js`) with
 * exactly `env` as its environment.
 * @throws Error when the script is missing (the build has not been run).
 */
export function spawnService(name: string, script: string, env: Record<string, string>): ServiceProcess {
  const path = `${REPO_ROOT}${script}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run 'npm run build' first`);
  return spawnProcess(name, process.execPath, [path], env);
}

/** Starts any program (a broker, a server) in the repository root with exactly `env`, output captured. */
export function spawnProcess(name: string, command: string, args: readonly string[], env: Record<string, string>): ServiceProcess {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    child.on('error', () => {}); // reported by the throw below
    throw new Error(`could not start ${name} (${command} not found?)`);
  }
  const lines: LogLine[] = [];
  const texts: string[] = [];
  const watchers = new Set<(line: LogLine) => void>();
  const add = (text: string): void => {
    if (text === '') return;
    const line = parseLine(text);
    lines.push(line);
    texts.push(text);
    // Trimmed in chunks: shifting one line off a 50,000-line array on every line costs a benchmark a
    // fifth of its throughput (each shift moves the whole array).
    if (lines.length > MAX_LINES + MAX_LINES / 10) {
      lines.splice(0, lines.length - MAX_LINES);
      texts.splice(0, texts.length - MAX_LINES);
    }
    for (const watcher of watchers) watcher(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) add(part);
    });
    stream.on('end', () => add(partial));
  }
  running.add(child);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', () => running.delete(child));
    child.on('close', (code) => {
      exitCode = code;
      resolve(code);
    });
    child.on('error', (error) => {
      add(`[harness] ${name}: ${error.message}`);
      exitCode = null;
      resolve(null);
    });
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (exitCode !== undefined) return exitCode;
    child.kill(signal);
    const timer = new AbortController();
    const late = sleep(STOP_TIMEOUT_MS, 'late' as const, { signal: timer.signal }).catch(() => 'stopped' as const);
    if ((await Promise.race([exited, late])) === 'late') {
      add(`[harness] ${name} still running ${STOP_TIMEOUT_MS} ms after ${signal}: SIGKILL`);
      child.kill('SIGKILL');
    }
    timer.abort();
    return exited;
  };

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> => {
    const seen = lines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        watchers.delete(watcher);
        clearTimeout(timer);
      };
      const watcher = (line: LogLine): void => {
        if (!match(line)) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${name}: no matching log line within ${timeoutMs} ms\n${tail(texts)}`));
      }, timeoutMs);
      watchers.add(watcher);
      void exited.then((code) => {
        if (!watchers.has(watcher)) return;
        done();
        reject(new Error(`${name} exited (${code}) before the awaited log line\n${tail(texts)}`));
      });
    });
  };

  return { name, pid: child.pid, logs: () => texts.join('\n'), stop, exited, logLines: () => [...lines], waitForLog };
}

/** The last `count` lines of a service's output, for error messages. */
export function logTail(service: ServiceProcess, count = 40): string {
  return `--- ${service.name} (pid ${service.pid}), last lines ---\n${tail(service.logs().split('\n'), count)}`;
}

function tail(texts: readonly string[], count = 40): string {
  return texts.slice(-count).join('\n');
}

function parseLine(text: string): LogLine {
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) return parsed as LogLine;
    } catch {
      // not JSON after all: kept as text below
    }
  }
  return { msg: text };
}
