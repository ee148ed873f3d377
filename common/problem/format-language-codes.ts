/**
 * The language codes of the problem package format's language table (legacy and 2023-07 share it), which
 * problem.yaml's `languages` names. juez's own languages say which of them they are (`formatCodes` in
 * common/languages.yaml); the codes here that no entry claims are languages this installation lacks, which
 * a package may allow without harm. A code in neither is a typo or another tool's, and worth a warning.
 *
 * Written from the format's table as problemtools ships it; where our memory of it is unsure (algol60,
 * cppgmp, forth, modula2, odin, python3numpy) the code is listed anyway: accepting a code the format does
 * not have costs a missed warning, refusing one it has a false one.
 */
export const FORMAT_LANGUAGE_CODES: ReadonlySet<string> = new Set([
  'ada', 'algol60', 'algol68', 'apl', 'bash', 'c', 'cgmp', 'cobol', 'cpp', 'cppgmp', 'crystal', 'csharp', 'd',
  'dart', 'elixir', 'erlang', 'forth', 'fortran', 'fsharp', 'gerbil', 'go', 'haskell', 'java', 'javaalgs4',
  'javascript', 'julia', 'kotlin', 'lisp', 'lua', 'modula2', 'nim', 'objectivec', 'ocaml', 'octave', 'odin',
  'pascal', 'perl', 'php', 'prolog', 'python2', 'python3', 'python3numpy', 'racket', 'ruby', 'rust', 'scala',
  'simula', 'smalltalk', 'snobol', 'swift', 'typescript', 'visualbasic', 'zig',
]);
