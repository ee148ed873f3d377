;; Keeps 1 MiB byte vectors, each filled, reachable forever. Expected: MLE (the heap, sized by
;; --dynamic-space-size from the memory limit, is exhausted; or the resident memory limit).
(defvar *blocks* nil)
(loop (push (make-array (expt 2 20) :element-type '(unsigned-byte 8) :initial-element 1) *blocks*))
