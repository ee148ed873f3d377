# Probes the wall-clock limit: uses no CPU at all, so only the wall clock can stop it. The sleep is
# a child process, which must be killed with the script.
# Expected: TLE (killed by the wall-clock limit).
echo 'Hello, World!'
sleep infinity
