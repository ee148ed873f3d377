--  Prints the right answer, then raises an exception nobody handles: exit status 1. Expected: RE.
with Ada.Text_IO;

procedure Unhandled is
begin
   Ada.Text_IO.Put_Line ("Hello, World!");
   raise Program_Error with "raised on purpose";
end Unhandled;
