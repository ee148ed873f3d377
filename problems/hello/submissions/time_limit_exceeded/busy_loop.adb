--  Spins forever without printing anything (a modular counter never overflows). Expected: TLE.
procedure Busy_Loop is
   type Counter_Type is mod 2 ** 64;
   Counter : Counter_Type := 0 with Volatile;
begin
   loop
      Counter := Counter + 1;
   end loop;
end Busy_Loop;
