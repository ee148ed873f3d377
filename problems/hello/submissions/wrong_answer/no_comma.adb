--  Forgets the comma: "Hello" and "Hello," are different tokens.
with Ada.Text_IO;

procedure No_Comma is
begin
   Ada.Text_IO.Put_Line ("Hello World!");
end No_Comma;
