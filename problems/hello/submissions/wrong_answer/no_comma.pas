{ Forgets the comma: "Hello" and "Hello," are different tokens. }
program NoComma;
begin
  writeln('Hello World!');
end.
