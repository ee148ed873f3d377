(* Keeps 1 MiB byte strings, each filled, reachable forever. Expected: MLE. *)
let rec grow blocks = grow (Bytes.make (1 lsl 20) 'x' :: blocks)
let () = grow []
