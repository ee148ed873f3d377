{ Prints the right answer, then divides by zero: Free Pascal's run-time error 200 ends the program
  with exit status 200. Expected: RE. }
program DivideByZero;
var zero: longint;
begin
  writeln('Hello, World!');
  zero := length(ParamStr(1));
  writeln(1 div zero);
end.
