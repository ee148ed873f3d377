/** Which class a Java submission runs as: the one declaring public static void main, with its package. */
import { describe, expect, it } from 'vitest';
import { blankCommentsAndLiterals, chooseMainClass, findMainClasses } from '../../common/java-main-class.js';

const one = (content: string, name = 'solution-v2.java'): string[] => findMainClasses([{ name, content }]);

describe('findMainClasses', () => {
  it.each<[string, string, string[]]>([
    ['a non-public class in a file of another name', 'class Main {\n  public static void main(String[] args) {}\n}\n', ['Main']],
    ['the usual public class', 'public class Hello { public static void main(String[] args) { } }', ['Hello']],
    ['static before public, final parameter', 'class A { static public void main(final String[] argv) {} }', ['A']],
    ['C-style array parameter', 'class A { public static void main(String args[]) {} }', ['A']],
    ['varargs', 'class A { public static void main(String... args) {} }', ['A']],
    ['java.lang.String spelled out, final method', 'class A { public final static void main(java.lang.String[] a) {} }', ['A']],
    ['a package', 'package se.kth.judge ;\nimport java.util.*;\nclass Sol { public static void main(String[] a) {} }', ['se.kth.judge.Sol']],
    ['a nested static class', 'class Outer { static class Inner { public static void main(String[] a) {} } }', ['Outer$Inner']],
    ['an interface, an enum and a record', 'interface I { public static void main(String[] a) {} }', ['I']],
    ['a helper class before the main one', 'class Helper { int f() { return 1; } }\nclass Main { public static void main(String[] a) {} }', ['Main']],
    ['generics and extends', 'class Box<T extends Comparable<T>> extends Object implements Runnable { public void run() {} public static void main(String[] a) {} }', ['Box']],
    ['not static: no main', 'class A { public void main(String[] a) {} }', []],
    ['not public: no main', 'class A { static void main(String[] a) {} }', []],
    ['a main that takes an int', 'class A { public static void main(int x) {} }', []],
    ['a main in a comment', '// public static void main(String[] a)\nclass A { /* public static void main(String[] a) {} */ }', []],
    ['a main in a string and a text block', 'class A { String s = "public static void main(String[] a) {}"; String t = """\n class B { public static void main(String[] a) {} }\n"""; }', []],
    ['a class literal is no declaration', 'class A { Object c = String.class; public static void main(String[] a) {} }', ['A']],
    ['a main inside an anonymous class', 'class A { Runnable r = new Runnable() { public static void main(String[] a) {} public void run() {} }; }', []],
    ['a brace in a char literal', "class A { char c = '{'; public static void main(String[] a) {} }", ['A']],
  ])('%s', (_what, source, expected) => {
    expect(one(source)).toEqual(expected);
  });

  it('reads every file of a multi-file submission', () => {
    expect(findMainClasses([
      { name: 'Util.java', content: 'package app;\npublic class Util { static int two() { return 2; } }' },
      { name: 'Start.java', content: 'package app;\nclass Start { public static void main(String[] a) { } }' },
    ])).toEqual(['app.Start']);
  });
});

describe('chooseMainClass', () => {
  it('names the one main class', () => {
    expect(chooseMainClass([{ name: 'x.java', content: 'class Main { public static void main(String[] a) {} }' }])).toEqual({ ok: true, mainClass: 'Main' });
  });

  it('says so when there is none, or several', () => {
    expect(chooseMainClass([{ name: 'x.java', content: 'class Main { }' }])).toEqual({
      ok: false,
      message: 'no class declares public static void main(String[] args): there is nothing to run',
    });
    expect(chooseMainClass([
      { name: 'A.java', content: 'class A { public static void main(String[] a) {} }' },
      { name: 'B.java', content: 'class B { public static void main(String[] a) {} }' },
    ])).toEqual({ ok: false, message: 'several classes declare public static void main(String[] args) (A, B): keep one' });
  });
});

describe('blankCommentsAndLiterals', () => {
  it('keeps code and newlines, blanks comments, strings with escapes, chars', () => {
    expect(blankCommentsAndLiterals('a /* x\ny */ b // z\nc "q\\"{" d \'}\' e')).toBe('a     \n     b     \nc        d     e');
  });
});
