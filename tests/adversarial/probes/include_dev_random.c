/* probe: compile bomb by #include "/dev/random": the preprocessor reads the endless device into memory until the
 * compile memory (or time) limit stops it.
 * expect: CE
 * problem: echo */
static const char noise[] = {
#include "/dev/random"
};

int main(void) { return noise[0]; }
