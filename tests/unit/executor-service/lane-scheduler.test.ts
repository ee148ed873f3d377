import { describe, expect, it } from 'vitest';
import type { Lane } from '../../../common/submission.js';
import { LaneScheduler } from '../../../executor/service/lane-scheduler.js';

/** A broker stand-in: tasks waiting per lane, taken by probes. */
function makeHarness(slots: number, waiting: Partial<Record<Lane, string[]>> = {}) {
  const queues: Record<Lane, string[]> = { run: [], submission: [], rejudge: [], ...waiting };
  const started: string[] = [];
  const wanted: number[] = [];
  const probes: Lane[] = [];
  const scheduler = new LaneScheduler<string>({
    slots,
    probe: async (lane) => {
      probes.push(lane);
      return queues[lane].shift();
    },
    start: (_lane, task) => started.push(task),
    onWanted: (w) => wanted.push(w),
  });
  return { scheduler, queues, started, wanted, probes };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LaneScheduler', () => {
  it('takes a run before a submission before a rejudge when one slot frees', async () => {
    const h = makeHarness(1);
    h.scheduler.offer('rejudge', 'blocker');
    await settle();
    expect(h.started).toEqual(['blocker']);
    h.scheduler.offer('rejudge', 'r1');
    h.scheduler.offer('submission', 's1');
    h.scheduler.offer('run', 'x1');
    await settle();
    expect(h.started).toEqual(['blocker']);
    h.scheduler.release();
    await settle();
    expect(h.started).toEqual(['blocker', 'x1']);
    h.scheduler.release();
    await settle();
    h.scheduler.release();
    await settle();
    expect(h.started).toEqual(['blocker', 'x1', 's1', 'r1']);
  });

  it('prefers a run still in the broker to a rejudge already held', async () => {
    const h = makeHarness(1);
    h.scheduler.offer('submission', 'blocker');
    await settle();
    h.scheduler.offer('rejudge', 'held-rejudge');
    await settle();
    h.queues.run.push('queued-run');
    h.scheduler.release();
    await settle();
    expect(h.started).toEqual(['blocker', 'queued-run']);
    expect(h.scheduler.heldCount).toBe(1);
  });

  it('probes only the lanes above the best held task', async () => {
    const h = makeHarness(1);
    h.scheduler.offer('submission', 's1');
    await settle();
    expect(h.probes).toEqual(['run']);
    expect(h.started).toEqual(['s1']);
  });

  it('pulls every lane in order when nothing is held and a slot frees', async () => {
    const h = makeHarness(2, { rejudge: ['r1', 'r2'], submission: ['s1'] });
    h.scheduler.wake();
    await settle();
    expect(h.started).toEqual(['s1', 'r1']);
    expect(h.scheduler.free).toBe(0);
  });

  it('never runs more tasks than slots, and wants deliveries only for uncovered slots', async () => {
    const h = makeHarness(2);
    h.scheduler.wake();
    await settle();
    expect(h.wanted.at(-1)).toBe(2);
    for (const task of ['a', 'b', 'c', 'd']) h.scheduler.offer('submission', task);
    await settle();
    expect(h.started).toEqual(['a', 'b']);
    expect(h.scheduler.busy).toBe(2);
    expect(h.scheduler.heldCount).toBe(2);
    expect(h.wanted.at(-1)).toBe(-2);
  });

  it('returns held tasks on close and starts nothing afterwards', async () => {
    const h = makeHarness(1);
    h.scheduler.offer('run', 'x1');
    h.scheduler.offer('run', 'x2');
    await settle();
    const held = await h.scheduler.close();
    expect(held).toEqual(['x2']);
    h.scheduler.release();
    await settle();
    expect(h.started).toEqual(['x1']);
    expect(() => h.scheduler.offer('run', 'x3')).toThrow(/closed/);
  });

  it('discards held tasks matching a predicate', async () => {
    const h = makeHarness(1);
    h.scheduler.offer('run', 'old-1');
    h.scheduler.offer('run', 'old-2');
    h.scheduler.offer('submission', 'new-1');
    await settle();
    expect(h.scheduler.discard((task) => task.startsWith('old'))).toEqual(['old-2']);
    h.scheduler.release();
    await settle();
    expect(h.started).toEqual(['old-1', 'new-1']);
  });

  it('refuses a release without a started task and a non-positive slot count', () => {
    const h = makeHarness(1);
    expect(() => h.scheduler.release()).toThrow(/without a started task/);
    expect(() => new LaneScheduler({ slots: 0, probe: async () => undefined, start: () => {} })).toThrow(RangeError);
  });
});
