# Bash arithmetic is signed 64-bit, which holds every sum here.
read -r t
for ((i = 0; i < t; i++)); do
    read -r a b
    echo $((a + b))
done
