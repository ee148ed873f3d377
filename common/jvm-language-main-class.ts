/**
 * The class a Kotlin or Scala submission runs as, found the way their compilers name it, so that a submission
 * with no entry point, or several, gets CE saying so (the jar the compiler writes would otherwise simply not
 * start). As for Java (java-main-class.ts) a source reading, not a parse: comments and literals are blanked
 * first; only top-level declarations count (brace depth 0).
 *
 * Kotlin: a top-level `fun main()` or `fun main(args: Array<String>)` lives in the file's facade class, named
 * after the file (`hello.kt` → `HelloKt`, `solution-v2.kt` → `Solution_v2Kt`) unless `@file:JvmName("X")`
 * names it, with the file's package. Scala: an `object` that declares `def main(args: Array[String])` or
 * extends `App`, with its package.
 */
import { blankCommentsAndLiterals, type JavaSource, type MainClassResult } from './java-main-class.js';

const PACKAGE = /^\s*package\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)/m;
const KOTLIN_MAIN = /\bfun\s+main\s*\(\s*(?:(?:vararg\s+)?[A-Za-z_]\w*\s*:\s*(?:Array\s*<\s*(?:out\s+)?String\s*>|String)\s*)?\)/y;
const SCALA_OBJECT = /\bobject\s+([A-Za-z_]\w*)/y;
const SCALA_MAIN = /\bdef\s+main\s*\(\s*[A-Za-z_]\w*\s*:\s*Array\s*\[\s*String\s*\]\s*\)/y;

/** The one class with a Kotlin entry point; none or several is said in words. */
export function chooseKotlinMainClass(sources: readonly JavaSource[]): MainClassResult {
  const found: string[] = [];
  for (const source of sources) {
    const code = blankCommentsAndLiterals(source.content);
    if (!atDepthZero(code, KOTLIN_MAIN).some(() => true)) continue;
    // The annotation's argument is a string literal, blanked in `code`: read it from the source.
    const jvmName = /@file\s*:\s*JvmName\s*\(\s*"([A-Za-z_$][\w$]*)"\s*\)/.exec(source.content)?.[1];
    found.push(qualify(packageOf(code), jvmName ?? kotlinFacadeName(source.name)));
  }
  return decide(found, 'no file declares a top-level fun main(): there is nothing to run', 'several files declare a top-level fun main()');
}

/** The one Scala object with an entry point (`def main(args: Array[String])` or `extends App`). */
export function chooseScalaMainClass(sources: readonly JavaSource[]): MainClassResult {
  const found: string[] = [];
  for (const source of sources) {
    const code = blankCommentsAndLiterals(source.content);
    const pkg = packageOf(code);
    for (const { index, match } of atDepthZero(code, SCALA_OBJECT)) {
      const name = match[1] as string;
      const after = code.slice(index + match[0].length);
      // The object's header runs to its body's brace; a declaration before that brace means it has no body.
      const header = after.slice(0, after.indexOf('{') < 0 ? after.length : after.indexOf('{'));
      const ownBody = !/\b(?:object|class|trait|def|val|var)\b/.test(header);
      const body = ownBody ? bodyAfter(after) : undefined;
      const extendsApp = /^\s*extends\s+App\b/.test(header);
      if (extendsApp || (body !== undefined && atDepthZero(body, SCALA_MAIN).some(() => true))) found.push(qualify(pkg, name));
    }
  }
  return decide(found, 'no object declares def main(args: Array[String]) or extends App: there is nothing to run', 'several objects declare main');
}

/** Kotlin's file facade class name: the file name without `.kt`, first letter upper-cased, other characters made Java identifier parts, then `Kt`. */
export function kotlinFacadeName(fileName: string): string {
  const base = (fileName.split('/').pop() ?? fileName).replace(/\.kt$/i, '');
  const sanitized = base.replace(/[^\w$]/g, '_');
  const prefix = sanitized === '' ? '_' : /^[A-Za-z_$]/.test(sanitized) ? sanitized : `_${sanitized}`;
  return `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}Kt`;
}

function decide(found: readonly string[], none: string, several: string): MainClassResult {
  if (found.length === 1) return { ok: true, mainClass: found[0] as string };
  if (found.length === 0) return { ok: false, message: none };
  return { ok: false, message: `${several} (${found.join(', ')}): keep one` };
}

function packageOf(code: string): string | undefined {
  return PACKAGE.exec(code)?.[1]?.replace(/\s+/g, '');
}

function qualify(pkg: string | undefined, name: string): string {
  return pkg === undefined ? name : `${pkg}.${name}`;
}

/** Matches of the sticky `pattern` that start at brace depth 0 of `code`, each with its index. */
function atDepthZero(code: string, pattern: RegExp): { index: number; match: RegExpExecArray }[] {
  const found: { index: number; match: RegExpExecArray }[] = [];
  let depth = 0;
  for (let i = 0; i < code.length; i += 1) {
    const ch = code[i];
    if (ch === '{') depth += 1;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /[a-z]/.test(ch ?? '') && (i === 0 || !/[\w$]/.test(code[i - 1] ?? ''))) {
      pattern.lastIndex = i;
      const match = pattern.exec(code);
      if (match !== null) {
        found.push({ index: i, match });
        i = pattern.lastIndex - 1;
      }
    }
  }
  return found;
}

/** The text inside the braces that open first in `code` (an object's body), or undefined when there are none. */
function bodyAfter(code: string): string | undefined {
  const open = code.indexOf('{');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < code.length; i += 1) {
    if (code[i] === '{') depth += 1;
    else if (code[i] === '}') {
      depth -= 1;
      if (depth === 0) return code.slice(open + 1, i);
    }
  }
  return code.slice(open + 1);
}
