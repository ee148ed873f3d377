--  An Ada syntax error (a missing semicolon). Expected: CE, with gnatmake's message.
with Ada.Text_IO;

procedure Syntax is
begin
   Ada.Text_IO.Put_Line ("Hello, World!")
end Syntax;
