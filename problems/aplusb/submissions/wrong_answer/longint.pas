{ Adds in 32-bit longints: right on group 1 (30 points), wrong on group 2, whose values do not fit.
  Expected: WA with a score of 30.
  @EXPECTED_SCORE@: 30
}
program Longint32;
var t, i: longint; a, b: int64;
begin
  read(t);
  for i := 1 to t do
  begin
    read(a, b);
    writeln(longint(a) + longint(b));
  end;
end.
