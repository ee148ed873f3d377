/**
 * The class a Java submission is run as, found the way the reference judges find it: the class that
 * declares `public static void main(String[])`, with its package (`pkg.sub.Main`), whatever the file is
 * called. javac only insists that a *public* class lives in a file of its name; `solution-v2.java` holding
 * a non-public `class Main` compiles, and must run.
 *
 * A source reading, not a parse: comments, string, text-block and char literals are blanked first, so that
 * a `main` in a comment or a string does not count; classes are tracked by brace depth, so a nested class's
 * main is `Outer$Inner` (how the JVM names it).
 */

/** A source file as submitted. */
export interface JavaSource {
  name: string;
  content: string;
}

/** The main class, or why there is none to run. */
export type MainClassResult = { ok: true; mainClass: string } | { ok: false; message: string };

/** Every class of `sources` that declares a runnable main, fully qualified, in file and source order. */
export function findMainClasses(sources: readonly JavaSource[]): string[] {
  const found: string[] = [];
  for (const source of sources) {
    const code = blankCommentsAndLiterals(source.content);
    const pkg = /^\s*package\s+([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*;/m.exec(code)?.[1]?.replace(/\s+/g, '');
    for (const className of mainClassesIn(code)) found.push(pkg === undefined ? className : `${pkg}.${className}`);
  }
  return found;
}

/** The one main class of a submission; none or several is the submitter's problem, said in words. */
export function chooseMainClass(sources: readonly JavaSource[]): MainClassResult {
  const classes = findMainClasses(sources);
  if (classes.length === 1) return { ok: true, mainClass: classes[0] as string };
  if (classes.length === 0) {
    return { ok: false, message: 'no class declares public static void main(String[] args): there is nothing to run' };
  }
  return { ok: false, message: `several classes declare public static void main(String[] args) (${classes.join(', ')}): keep one` };
}

const TYPE_DECLARATION = /\b(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/y;
// Modifiers in any order (annotations are rare on main and not handled), then `void main(`, then one
// parameter: String[] x, String x[], String... x, optionally final, java.lang.String spelled out.
const MAIN_METHOD = /((?:\b(?:public|static|final|synchronized|strictfp)\s+)+)void\s+main\s*\(\s*(?:final\s+)?(?:java\s*\.\s*lang\s*\.\s*)?String\s*(?:\[\s*\]\s*[A-Za-z_$][\w$]*|\.\.\.\s*[A-Za-z_$][\w$]*|[A-Za-z_$][\w$]*\s*\[\s*\])\s*\)/y;

/** Classes (nested ones as Outer$Inner) whose body declares a public static main, in order. */
function mainClassesIn(code: string): string[] {
  const found: string[] = [];
  const stack: { name: string; depth: number }[] = [];
  let depth = 0;
  let pending: string | undefined;
  for (let i = 0; i < code.length; i += 1) {
    const ch = code[i];
    if (ch === '{') {
      if (pending !== undefined) {
        stack.push({ name: pending, depth });
        pending = undefined;
      }
      depth += 1;
    } else if (ch === '}') {
      depth -= 1;
      if (stack.length > 0 && stack[stack.length - 1]?.depth === depth) stack.pop();
    } else if (/[A-Za-z]/.test(ch ?? '') && (i === 0 || !/[\w$]/.test(code[i - 1] ?? ''))) {
      TYPE_DECLARATION.lastIndex = i;
      const declaration = TYPE_DECLARATION.exec(code);
      // `Foo.class` is a class literal, not a declaration: it follows a dot.
      if (declaration !== null && !/\.\s*$/.test(code.slice(Math.max(0, i - 8), i))) {
        pending = declaration[1];
        i = TYPE_DECLARATION.lastIndex - 1;
        continue;
      }
      MAIN_METHOD.lastIndex = i;
      const main = MAIN_METHOD.exec(code);
      if (main !== null) {
        const modifiers = main[1] ?? '';
        const inClass = stack[stack.length - 1];
        if (/\bpublic\b/.test(modifiers) && /\bstatic\b/.test(modifiers) && inClass !== undefined && inClass.depth === depth - 1) {
          found.push(stack.map((c) => c.name).join('$'));
        }
        i = MAIN_METHOD.lastIndex - 1;
      }
    } else if (ch === ';' && pending !== undefined && stack.length === 0) {
      pending = undefined;
    }
  }
  return found;
}

/**
 * The source with comments and string, text-block and char literals replaced by spaces (newlines kept),
 * so that positions and line structure survive.
 */
export function blankCommentsAndLiterals(source: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const rest = source.startsWith('//', i) ? 'line' : source.startsWith('/*', i) ? 'block' : source.startsWith('"""', i) ? 'text' : source[i] === '"' ? 'string' : source[i] === "'" ? 'char' : undefined;
    if (rest === undefined) {
      out += source[i];
      i += 1;
      continue;
    }
    let end: number;
    if (rest === 'line') end = indexOrEnd(source, '\n', i);
    else if (rest === 'block') end = indexOrEnd(source, '*/', i + 2) + 2;
    else if (rest === 'text') end = indexOrEnd(source, '"""', i + 3) + 3;
    else end = endOfQuoted(source, i, rest === 'string' ? '"' : "'");
    out += blank(source.slice(i, Math.min(end, source.length)));
    i = end;
  }
  return out;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

/** Just past the closing quote of the literal starting at `start` (backslash escapes skipped; a newline ends it). */
function endOfQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}
