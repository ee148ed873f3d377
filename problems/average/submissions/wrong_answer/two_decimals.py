# Rounds to two decimals: 0.09 instead of 0.0909..., far outside the 1e-6 tolerance. Expected: WA.
n = int(input())
grades = list(map(int, input().split()))
print(f"{sum(grades) / n:.2f}")
