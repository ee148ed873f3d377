;; Wraps the sums around to 32 bits, as a C int would: right on group 1 (30 points), wrong on group 2.
;; Expected: WA with a score of 30.
;; @EXPECTED_SCORE@: 30
(defun wrap-32 (n)
  (- (ldb (byte 32 0) (+ n (expt 2 31))) (expt 2 31)))

(let ((t-count (read)))
  (dotimes (i t-count)
    (format t "~d~%" (wrap-32 (+ (wrap-32 (read)) (wrap-32 (read)))))))
