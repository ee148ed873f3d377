# sleep uses no CPU time: only the wall clock stops it.
sleep 10
echo 3
