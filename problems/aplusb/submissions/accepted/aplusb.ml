(* OCaml's native ints have 63 bits, enough for |a + b| <= 2 * 10^18. *)
let () =
  let t = Scanf.scanf " %d" (fun t -> t) in
  for _ = 1 to t do
    Scanf.scanf " %d %d" (fun a b -> Printf.printf "%d\n" (a + b))
  done
