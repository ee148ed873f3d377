/**
 * Source files of languages juez may not have, told by their extension, so that a reference submission in one
 * is listed as skipped (with the language's name) rather than ignored as a stray file. Packages written for
 * Kattis and DOMjudge carry such solutions; an installation that adds the language to common/languages.yaml
 * judges them, since the installation's own languages are looked up first.
 */
const FOREIGN_LANGUAGES: Readonly<Record<string, string>> = {
  '.kt': 'Kotlin',
  '.kts': 'Kotlin',
  '.pas': 'Pascal',
  '.pp': 'Pascal',
  '.dpr': 'Pascal',
  '.pl': 'Prolog or Perl',
  '.pro': 'Prolog',
  '.plg': 'Prolog',
  '.hs': 'Haskell',
  '.lhs': 'Haskell',
  '.ml': 'OCaml',
  '.rb': 'Ruby',
  '.php': 'PHP',
  '.cs': 'C#',
  '.fs': 'F#',
  '.vb': 'Visual Basic',
  '.scala': 'Scala',
  '.swift': 'Swift',
  '.lua': 'Lua',
  '.f': 'Fortran',
  '.f90': 'Fortran',
  '.f95': 'Fortran',
  '.d': 'D',
  '.r': 'R',
  '.jl': 'Julia',
  '.cob': 'COBOL',
  '.cbl': 'COBOL',
  '.adb': 'Ada',
  '.ads': 'Ada',
  '.lisp': 'Common Lisp',
  '.cl': 'Common Lisp',
  '.scm': 'Scheme',
  '.rkt': 'Racket',
  '.clj': 'Clojure',
  '.sml': 'Standard ML',
  '.erl': 'Erlang',
  '.ex': 'Elixir',
  '.exs': 'Elixir',
  '.dart': 'Dart',
  '.zig': 'Zig',
  '.nim': 'Nim',
  '.groovy': 'Groovy',
  '.ts': 'TypeScript',
  '.m': 'Objective-C or MATLAB',
  '.py2': 'Python 2',
  '.cr': 'Crystal',
  '.pyw': 'Python',
  '.awk': 'AWK',
  '.bf': 'Brainfuck',
  '.apl': 'APL',
  '.sb3': 'Scratch',
};

/** The language a source file with this extension is written in, if it is a well-known one. */
export function foreignLanguageOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return FOREIGN_LANGUAGES[fileName.slice(dot).toLowerCase()];
}
