{ Spins forever without printing anything. Expected: TLE (the 1 s of CPU time runs out). }
program BusyLoop;
var counter: qword;
begin
  counter := 0;
  while true do
    counter := counter + 1;
end.
