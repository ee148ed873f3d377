// A Number holds integers exactly only up to 2^53, so the sums are computed with BigInt.
// Input is read through the global `process`, which works whether node loads this file as a
// CommonJS script or as an ES module.
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  const tokens = input.split(/\s+/).filter(Boolean);
  const t = Number(tokens[0]);
  const sums = [];
  for (let i = 0; i < t; i++) {
    sums.push((BigInt(tokens[1 + 2 * i]) + BigInt(tokens[2 + 2 * i])).toString());
  }
  console.log(sums.join('\n'));
});
