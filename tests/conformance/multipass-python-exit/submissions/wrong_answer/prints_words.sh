# Not a number at all: the validator's quit(43).
echo fourteen
