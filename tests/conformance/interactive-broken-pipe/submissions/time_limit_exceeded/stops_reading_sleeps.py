# Stops reading and sleeps: both sides wait, the program's wall-clock limit ends it. Expected: TLE.
import time
time.sleep(60)
