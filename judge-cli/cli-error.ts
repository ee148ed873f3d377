/**
 * Something judge-cli cannot do as asked (a missing file, a language it cannot infer, Docker unreachable).
 * main.ts prints the message as one line and exits 2; no stack trace reaches the user.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
