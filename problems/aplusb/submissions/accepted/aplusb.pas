program AplusB;
var t, i: longint; a, b: int64;
begin
  read(t);
  for i := 1 to t do
  begin
    read(a, b);
    writeln(a + b);
  end;
end.
