(* Forgets the comma: "Hello" and "Hello," are different tokens. *)
let () = print_endline "Hello World!"
