(* Prints the right answer, then fails with an exception nobody handles: exit status 2.
   Expected: RE. *)
let () =
  print_endline "Hello, World!";
  failwith "failed on purpose"
