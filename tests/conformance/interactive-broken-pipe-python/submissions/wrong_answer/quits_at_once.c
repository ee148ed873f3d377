/* Exits 0 without reading: the interactor's writes raise BrokenPipeError. Expected: WA, never IE. */
int main(void) { return 0; }
