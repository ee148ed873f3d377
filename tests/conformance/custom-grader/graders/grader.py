"""
A grader as the legacy format runs it. stdin: one "VERDICT score" line per child result, in judging order
(VERDICT one of AC, WA, TLE, RTE, JE); arguments: the group's grader_flags. stdout: one "VERDICT score".
Score: the children's scores added up, plus the bonus given as `bonus N` when every child is accepted.
Verdict: the first rejection's. Nothing the default grader can express.
"""
import sys

args = sys.argv[1:]
bonus = float(args[args.index('bonus') + 1]) if 'bonus' in args else 0.0
verdict, total, all_accepted = 'AC', 0.0, True
for line in sys.stdin:
    if not line.strip():
        continue
    child_verdict, child_score = line.split()
    total += float(child_score)
    if child_verdict != 'AC':
        all_accepted = False
        if verdict == 'AC':
            verdict = child_verdict
print(verdict, total + (bonus if all_accepted else 0.0))
