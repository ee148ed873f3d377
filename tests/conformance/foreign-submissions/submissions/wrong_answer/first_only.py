# A DOMjudge-style expectation: this one may be judged either way depending on the judge's order of tests.
# @EXPECTED_RESULTS@: WRONG-ANSWER, RUN-ERROR
input()
print(input().split()[0])
