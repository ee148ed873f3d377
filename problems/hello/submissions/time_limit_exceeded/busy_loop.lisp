;; Spins forever without printing anything. Expected: TLE.
(defvar *counter* 0)
(loop (incf *counter*))
