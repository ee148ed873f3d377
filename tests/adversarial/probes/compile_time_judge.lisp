;; probe: code the compiler runs. SBCL's compile-file evaluates #. forms while it reads a file (as do GHC's
;; Template Haskell, Perl's BEGIN blocks under perl -c and Prolog's directives under swipl -c), here as the
;; sandbox user under the compile limits. At compile time it searches /judge, directly and through PID 1's root,
;; and bakes every secret token it finds into the program, which prints them with its own token, sorted.
;; expect: WA
;; problem: secrets
;; As read_other_inputs.py: all three tokens AC, some exit 3 (RE), only its own WA.
(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun secret-tokens (text)
    "Every distinct `secret-<digit>-<32 lower-case hex>` in TEXT."
    (let ((found '()) (start 0))
      (loop for at = (search "secret-" text :start2 start)
            while at
            do (let ((end (+ at 41)))
                 (when (and (<= end (length text))
                            (digit-char-p (char text (+ at 7)))
                            (char= (char text (+ at 8)) #\-)
                            (every (lambda (c) (and (digit-char-p c 16) (not (upper-case-p c))))
                                   (subseq text (+ at 9) end)))
                   (pushnew (subseq text at end) found :test #'string=)))
               (setf start (1+ at)))
      found))

  (defun file-text (path)
    (ignore-errors
     (with-open-file (in path :external-format :latin-1)
       (let ((text (make-string (min (file-length in) (expt 2 20)))))
         (subseq text 0 (read-sequence text in))))))

  (defun judge-tokens ()
    (let ((found '()))
      (dolist (pattern '("/judge/**/*.*" "/judge/**/*" "/proc/1/root/judge/**/*.*" "/proc/1/root/judge/**/*") found)
        (dolist (path (ignore-errors (directory pattern)))
          (dolist (token (secret-tokens (or (file-text path) "")))
            (pushnew token found :test #'string=)))))))

(defparameter *baked* '#.(judge-tokens))

(let* ((own (secret-tokens (or (read-line *standard-input* nil) "")))
       (tokens (sort (remove-duplicates (append own *baked*) :test #'string=) #'string<)))
  (format t "~{~a~^ ~}~%" tokens)
  (finish-output)
  (sb-ext:exit :code (if (< (length own) (length tokens) 3) 3 0)))
