/**
 * Like Promise.all, but waits for every promise before rejecting with the first failure. Pipelined sandbox
 * calls are issued together; waiting for all of them means no rejection is left unhandled and no call is
 * still in flight when the caller moves on (or discards the container).
 */
export async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const values: T[] = [];
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    values.push(result.value);
  }
  return values;
}
