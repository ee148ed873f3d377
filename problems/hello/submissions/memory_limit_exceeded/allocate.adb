--  Allocates 1 MiB blocks forever (never freed), each filled, so the memory is really resident.
--  Expected: MLE.
procedure Allocate is
   type Block is array (1 .. 2 ** 18) of Integer;
   type Block_Access is access Block;
   Last : Block_Access with Volatile;
begin
   loop
      Last := new Block'(others => 1);
   end loop;
end Allocate;
