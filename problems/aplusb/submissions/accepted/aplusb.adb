with Ada.Text_IO;
with Ada.Long_Long_Integer_Text_IO;

procedure Aplusb is
   T    : Integer;
   A, B : Long_Long_Integer;
begin
   T := Integer'Value (Ada.Text_IO.Get_Line);
   for I in 1 .. T loop
      Ada.Long_Long_Integer_Text_IO.Get (A);
      Ada.Long_Long_Integer_Text_IO.Get (B);
      Ada.Long_Long_Integer_Text_IO.Put (A + B, Width => 0);
      Ada.Text_IO.New_Line;
   end loop;
end Aplusb;
