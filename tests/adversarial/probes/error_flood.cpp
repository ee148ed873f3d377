// probe: compile bomb by diagnostics: 64 errors, each quoting a type whose spelled-out name ("aka ...") is 6 MB
// long, so the compiler writes hundreds of megabytes while using little memory. The compile output limit (64 MiB)
// or the time limit stops it; the result keeps the first 64 KiB of the output and says why it was cut.
// expect: CE
// problem: echo
template <class A, class B> struct P {};
using A0 = P<int, int>;
using A1 = P<A0, A0>;
using A2 = P<A1, A1>;
using A3 = P<A2, A2>;
using A4 = P<A3, A3>;
using A5 = P<A4, A4>;
using A6 = P<A5, A5>;
using A7 = P<A6, A6>;
using A8 = P<A7, A7>;
using A9 = P<A8, A8>;
using A10 = P<A9, A9>;
using A11 = P<A10, A10>;
using A12 = P<A11, A11>;
using A13 = P<A12, A12>;
using A14 = P<A13, A13>;
using A15 = P<A14, A14>;
using A16 = P<A15, A15>;
using A17 = P<A16, A16>;
using A18 = P<A17, A17>;
using A19 = P<A18, A18>;

int main() {
    A19 a0 = 0; A19 a1 = 1; A19 a2 = 2; A19 a3 = 3; A19 a4 = 4; A19 a5 = 5; A19 a6 = 6; A19 a7 = 7;
    A19 a8 = 8; A19 a9 = 9; A19 a10 = 10; A19 a11 = 11; A19 a12 = 12; A19 a13 = 13; A19 a14 = 14; A19 a15 = 15;
    A19 a16 = 16; A19 a17 = 17; A19 a18 = 18; A19 a19 = 19; A19 a20 = 20; A19 a21 = 21; A19 a22 = 22; A19 a23 = 23;
    A19 a24 = 24; A19 a25 = 25; A19 a26 = 26; A19 a27 = 27; A19 a28 = 28; A19 a29 = 29; A19 a30 = 30; A19 a31 = 31;
    A19 a32 = 32; A19 a33 = 33; A19 a34 = 34; A19 a35 = 35; A19 a36 = 36; A19 a37 = 37; A19 a38 = 38; A19 a39 = 39;
    A19 a40 = 40; A19 a41 = 41; A19 a42 = 42; A19 a43 = 43; A19 a44 = 44; A19 a45 = 45; A19 a46 = 46; A19 a47 = 47;
    A19 a48 = 48; A19 a49 = 49; A19 a50 = 50; A19 a51 = 51; A19 a52 = 52; A19 a53 = 53; A19 a54 = 54; A19 a55 = 55;
    A19 a56 = 56; A19 a57 = 57; A19 a58 = 58; A19 a59 = 59; A19 a60 = 60; A19 a61 = 61; A19 a62 = 62; A19 a63 = 63;
}
