// Adds with Numbers (doubles): exact up to 2^53 only, so group 1 passes (30 points) and large
// values in group 2 come out rounded. Expected: WA with a score of 30.
// @EXPECTED_SCORE@: 30
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
    sums.push(Number(tokens[1 + 2 * i]) + Number(tokens[2 + 2 * i]));
  }
  console.log(sums.join('\n'));
});
