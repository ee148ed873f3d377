(* An OCaml type error (an int where a string is expected). Expected: CE, with ocamlopt's message. *)
let () = print_endline 42
