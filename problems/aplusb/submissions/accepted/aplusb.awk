# awk's numbers are doubles, exact up to 2^53 only: each number is split into its last nine digits and
# the rest, the parts are added separately and the carry moved, so sums up to 2 * 10^18 stay exact.
function high(s,    digits, n) { digits = s; sub(/^[-+]/, "", digits); n = length(digits); return n > 9 ? sign(s) * substr(digits, 1, n - 9) : 0 }
function low(s,    digits, n) { digits = s; sub(/^[-+]/, "", digits); n = length(digits); return sign(s) * substr(digits, n > 9 ? n - 8 : 1) }
function sign(s) { return s ~ /^-/ ? -1 : 1 }
NR == 1 { t = $1; next }
NR <= t + 1 {
    h = high($1) + high($2); l = low($1) + low($2)
    carry = int(l / 1e9); h += carry; l -= carry * 1e9
    if (h > 0 && l < 0) { h--; l += 1e9 }
    if (h < 0 && l > 0) { h++; l -= 1e9 }
    if (h == 0) printf "%d\n", l
    else printf "%d%09d\n", h, (l < 0 ? -l : l)
}
