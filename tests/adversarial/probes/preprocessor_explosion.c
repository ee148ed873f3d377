/* probe: compile bomb by macro expansion: each level repeats the one below ten times, so X9 is 10^9 initialisers
 * (gcc -E would print gigabytes). The compiler expands and parses them until the compile time or memory limit.
 * expect: CE
 * problem: echo */
#define X0 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
#define X1 X0 X0 X0 X0 X0 X0 X0 X0 X0 X0
#define X2 X1 X1 X1 X1 X1 X1 X1 X1 X1 X1
#define X3 X2 X2 X2 X2 X2 X2 X2 X2 X2 X2
#define X4 X3 X3 X3 X3 X3 X3 X3 X3 X3 X3
#define X5 X4 X4 X4 X4 X4 X4 X4 X4 X4 X4
#define X6 X5 X5 X5 X5 X5 X5 X5 X5 X5 X5
#define X7 X6 X6 X6 X6 X6 X6 X6 X6 X6 X6
#define X8 X7 X7 X7 X7 X7 X7 X7 X7 X7 X7
#define X9 X8 X8 X8 X8 X8 X8 X8 X8 X8 X8

static const char table[] = { X9 };

int main(void) { return table[0] - 1; }
