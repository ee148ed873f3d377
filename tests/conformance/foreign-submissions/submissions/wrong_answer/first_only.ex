# Prints the first number only.
IO.gets("")
IO.gets("") |> String.split() |> hd() |> IO.puts()
