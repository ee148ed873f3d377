(* Adds as floats (doubles): exact up to 2^53 only, so group 1 passes (30 points) and the large values
   of group 2 come out rounded. Expected: WA with a score of 30.
   @EXPECTED_SCORE@: 30
*)
let () =
  let t = Scanf.scanf " %d" (fun t -> t) in
  for _ = 1 to t do
    Scanf.scanf " %f %f" (fun a b -> Printf.printf "%.0f\n" (a +. b))
  done
