--  Adds as Long_Floats (doubles): exact up to 2^53 only, so group 1 passes (30 points) and the large
--  values of group 2 come out rounded. Expected: WA with a score of 30.
--  @EXPECTED_SCORE@: 30
with Ada.Text_IO;
with Ada.Long_Long_Integer_Text_IO;

procedure Floats is
   T    : Integer;
   A, B : Long_Long_Integer;
begin
   T := Integer'Value (Ada.Text_IO.Get_Line);
   for I in 1 .. T loop
      Ada.Long_Long_Integer_Text_IO.Get (A);
      Ada.Long_Long_Integer_Text_IO.Get (B);
      Ada.Long_Long_Integer_Text_IO.Put
        (Long_Long_Integer (Long_Float (A) + Long_Float (B)), Width => 0);
      Ada.Text_IO.New_Line;
   end loop;
end Floats;
