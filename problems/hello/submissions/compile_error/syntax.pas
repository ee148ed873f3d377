{ A Pascal syntax error (a missing semicolon between statements). Expected: CE, with fpc's message. }
program Syntax;
begin
  write('Hello, ')
  writeln('World!');
end.
