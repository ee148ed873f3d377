;; Common Lisp integers are unbounded.
(let ((t-count (read)))
  (dotimes (i t-count)
    (format t "~d~%" (+ (read) (read)))))
