(* Counts forever without printing anything. Expected: TLE. *)
let rec count n = if n < 0 then n else count (n + 1)
let () = print_int (count 0)
