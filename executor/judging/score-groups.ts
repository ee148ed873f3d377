/**
 * The judging order over the test group tree: a pure function of the problem, so that the queue executor
 * and judge-cli judge alike. Grading (verdict and score from the tree) and which tests are still wanted
 * after a failure are grade-groups.ts.
 */
import { compareNaturally } from '../../common/problem/natural-order.js';
import type { ProblemPackage, TestCase, TestGroup } from '../../common/problem/problem.js';

/** The parts of a problem that the judging order needs. */
export type ScoredProblem = Pick<ProblemPackage, 'type' | 'sample' | 'secret'>;

/**
 * Every test case in judging order: samples first, then secret; inside a group its test cases and
 * sub-groups interleave in natural name order (Kattis runs a folder's items sorted together), a
 * sub-group's tests all before the next item.
 */
export function testOrder(problem: Pick<ProblemPackage, 'sample' | 'secret'>): TestCase[] {
  return [...testsOf(problem.sample), ...testsOf(problem.secret)];
}

/** One item of a group: a test case directly in it, or a sub-group. */
export type GroupItem = { test: TestCase; group?: undefined } | { test?: undefined; group: TestGroup };

const itemCache = new WeakMap<TestGroup, GroupItem[]>();

/**
 * A group's children in judging order: its test cases and sub-groups interleaved in natural name order
 * (Kattis runs a folder's items sorted together); on equal names a test before a group.
 */
export function itemsOf(group: TestGroup): readonly GroupItem[] {
  let items = itemCache.get(group);
  if (items === undefined) {
    const keyed = [
      ...group.tests.map((test) => ({ key: lastSegment(test.name), item: { test } })),
      ...group.groups.map((sub) => ({ key: lastSegment(sub.name), item: { group: sub } })),
    ];
    // Stable sort: on equal keys a test (listed first) runs before a group.
    keyed.sort((x, y) => compareNaturally(x.key, y.key));
    items = keyed.map((k) => k.item);
    itemCache.set(group, items);
  }
  return items;
}

/** One group's test cases, sub-groups included, in judging order. */
function testsOf(group: TestGroup, out: TestCase[] = []): TestCase[] {
  for (const item of itemsOf(group)) {
    if (item.test !== undefined) out.push(item.test);
    else testsOf(item.group, out);
  }
  return out;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
