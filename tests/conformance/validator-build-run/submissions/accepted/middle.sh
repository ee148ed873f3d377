read a b
echo $(( (a + b) / 2 ))
