{ Allocates 1 MiB blocks forever and writes every byte, so the memory is really resident.
  Expected: MLE (killed once its resident memory passes the 128 MiB limit). }
program Allocate;
var block: PByte;
begin
  while true do
  begin
    GetMem(block, 1 shl 20);
    FillChar(block^, 1 shl 20, 1);
  end;
end.
