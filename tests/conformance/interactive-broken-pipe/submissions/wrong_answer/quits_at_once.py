# Exits 0 without reading: the interactor's writes hit a closed pipe (SIGPIPE). Expected: WA.
pass
