/**
 * The Node options the dispatcher is meant to run with. They must be given to `node` itself (V8 sizes its
 * heap before any of our code runs), so every launcher passes them: package.json's `dispatcher` script,
 * infra/docker/dispatcher.Dockerfile, infra/local/juez-local.sh and the test harness
 * (tests/support/service-env.ts); main.ts warns when they are missing.
 *
 * The dispatcher's live heap is about 20 MiB; left to V8's defaults its resident memory under the ingestion
 * load was 120–130 MiB and still creeping, with these options 104–110 MiB, at the same throughput:
 *
 * --max-semi-space-size=8: V8 grows the young generation to its default maximum, 2 × 16 MiB, while the
 *   dispatcher starts (nearly everything allocated then survives) and keeps it there under load. 2 × 8 MiB
 *   scavenges twice as often at no measurable cost (one scavenge ≈ 1 ms every ≈ 25 ms at 3,000 requests/s);
 *   2 × 4 MiB promotes requests still in flight at every scavenge and the old generation balloons instead.
 * --max-old-space-size=512: on a machine with several GiB V8 lets the old generation grow to 4 × its live
 *   size before a full collection, so the few requests promoted per second pile up as garbage for minutes
 *   (RSS +15 MiB in one minute). Below 1 GiB it grows by 1.3–1.4 × instead. 512 MiB is 25 times the live
 *   heap: uploads keep their archives in Buffers, outside this limit, and no request reads more than a few
 *   thousand records.
 */
export const DISPATCHER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=8', '--max-old-space-size=512'];

/** The options of DISPATCHER_NODE_OPTIONS this process was not started with. */
export function missingNodeOptions(execArgv: readonly string[], nodeOptionsEnv: string | undefined): string[] {
  const given = new Set([...execArgv, ...(nodeOptionsEnv ?? '').split(/\s+/)]);
  return DISPATCHER_NODE_OPTIONS.filter((option) => !given.has(option));
}
