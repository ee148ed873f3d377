// Protocol violation: writes "guess 500000000" instead of the bare number. Expected: WA (the
// interactor rejects the first token, "guess").
process.stdout.write('guess 500000000\n');
process.stdin.once('data', () => process.exit(0));
