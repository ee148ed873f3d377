/**
 * The soak itself stays covered: a small one (160 submissions in the cheap languages, every verdict and
 * every client path) through a real juez, run as `npm run soak` runs it (the built command, with the
 * WebSocket flag its after-GC readings need on Node 20), with every figure that the other tests running
 * beside it cannot move held flat. The full 5,000 is `npm run soak`, with the machine to itself.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/service-process.js';
import type { SoakReport } from './soak-report.js';

const SUBMISSIONS = 160;
const POOL_SIZE = 2;

/** Runs the built soak command; resolves with its exit code and output. */
function runSoakCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-websocket', 'dist/tests/soak/soak.js', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a small soak (npm run soak -- --submissions 160)', () => {
  let dir: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let report: SoakReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'juez-soak-test-'));
    run = await runSoakCommand([
      ...['--submissions', String(SUBMISSIONS), '--warm-up', '20', '--pool-size', String(POOL_SIZE)],
      // Compiled in milliseconds, so calibration takes seconds; every verdict has a reference in them.
      ...['--languages', 'c,python,bash,javascript'],
      // Other test files run beside this one: machine-wide figures are reported, not judged.
      '--shared-machine',
      ...['--output', path.join(dir, 'soak.json')],
    ]);
    report = JSON.parse(await readFile(path.join(dir, 'soak.json'), 'utf8'));
  }, 170_000);

  afterAll(async () => {
    if (run !== undefined && run.code !== 0) console.error(`soak exited ${run.code}\n${run.stderr.slice(-5000)}\n${run.stdout}`);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 and prints the before / after table', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/figure\s+│\s+before\s+│\s+after\s+│\s+delta/);
    expect(run.stdout).toContain('PASS');
    expect(report.pass).toBe(true);
  });

  it('judges every submission with the verdict of its folder, none lost or stuck', () => {
    expect(report.run.submissions).toBe(SUBMISSIONS);
    expect(report.run.examples).toEqual([]);
    expect(report.run.ok).toBe(SUBMISSIONS);
    expect(report.calibration.ok).toBe(report.calibration.submissions);
    expect(Object.keys(report.run.verdicts).sort()).toEqual(['AC', 'CE', 'MLE', 'OLE', 'RE', 'TLE', 'WA']);
    expect(report.run.verdicts).toEqual(report.run.expected);
  });

  it('went through every client: students waiting, students following events, an LMS with webhooks', () => {
    expect(Object.keys(report.plan.perClient).sort()).toEqual(['lms', 'student-events', 'student-wait']);
    expect(report.webhooks.lmsSubmissions).toBeGreaterThan(0);
    expect(report.webhooks.moreThanOneDeliveryId).toBe(0);
  });

  it('leaves containers, fds, memory after a GC, channels and queues flat', () => {
    const judged = report.figures.filter((row) => row.verdict !== 'info');
    expect(judged.map((row) => row.key)).toEqual(
      expect.arrayContaining(['containers.pool', 'fds.dispatcher', 'fds.executor', 'afterGc.heapUsedMb.dispatcher', 'afterGc.heapUsedMb.executor', 'queues.ready', 'queues.unacked']),
    );
    expect(judged.filter((row) => row.verdict !== 'flat')).toEqual([]);
    const figure = (key: string): FigureRowLike | undefined => report.figures.find((row) => row.key === key);
    expect(figure('containers.pool')?.after).toBe(POOL_SIZE);
    expect(figure('queues.ready')?.after).toBe(0);
    expect(figure('queues.unacked')?.after).toBe(0);
    // Read for real: a service's heap after a GC is tens of MiB, never 0 or NaN.
    expect(figure('afterGc.heapUsedMb.executor')?.after).toBeGreaterThan(5);
  });

  it('keeps in Redis only the data of the submissions it made', () => {
    expect(report.retention.leaks).toEqual([]);
    const records = report.retention.families.find((row) => row.family === 'sub:<submission>');
    expect(records && records.keysAfter - records.keysBefore).toBe(SUBMISSIONS);
    expect(report.retention.bytesPerSubmission).toBeGreaterThan(0);
  });
});

type FigureRowLike = SoakReport['figures'][number];
