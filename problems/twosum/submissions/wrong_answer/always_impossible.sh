# Gives up without looking: right only when no pair exists. Expected: WA.
echo impossible
