/** Which class a Kotlin or Scala submission runs as: the file facade with `fun main`, the object with `main`. */
import { describe, expect, it } from 'vitest';
import { chooseKotlinMainClass, chooseScalaMainClass, kotlinFacadeName } from '../../common/jvm-language-main-class.js';

describe('chooseKotlinMainClass', () => {
  it.each<[string, { name: string; content: string }[], string]>([
    ['a file facade named after the file', [{ name: 'hello.kt', content: 'fun main() {\n  println("hi")\n}\n' }], 'HelloKt'],
    ['main with args, in a package', [{ name: 'Sol.kt', content: 'package a.b\n\nfun main(args: Array<String>) = println(args.size)\n' }], 'a.b.SolKt'],
    ['@file:JvmName', [{ name: 'x.kt', content: '@file:JvmName("Entry")\npackage p\nfun main() {}\n' }], 'p.Entry'],
    ['a file name with a dash', [{ name: 'solution-v2.kt', content: 'fun main() {}' }], 'Solution_v2Kt'],
    [
      'the helper file has no main',
      [
        { name: 'Util.kt', content: 'fun twice(x: Int) = 2 * x\nclass Box { fun main() {} }\n' },
        { name: 'app.kt', content: '// fun main() in a comment\nfun main() { println(twice(2)) }\n' },
      ],
      'AppKt',
    ],
  ])('%s', (_what, sources, expected) => {
    expect(chooseKotlinMainClass(sources)).toEqual({ ok: true, mainClass: expected });
  });

  it('says why there is nothing to run', () => {
    const none = chooseKotlinMainClass([{ name: 'a.kt', content: 'class A { fun main() {} }\nval s = "fun main() {}"\nfun main(x: Int) {}\n' }]);
    expect(none).toMatchObject({ ok: false, message: expect.stringContaining('no file declares a top-level fun main()') });
    const two = chooseKotlinMainClass([
      { name: 'a.kt', content: 'fun main() {}' },
      { name: 'b.kt', content: 'fun main() {}' },
    ]);
    expect(two).toMatchObject({ ok: false, message: expect.stringContaining('several files declare a top-level fun main() (AKt, BKt)') });
  });

  it('names the facade as kotlinc does', () => {
    expect(kotlinFacadeName('dir/main.kt')).toBe('MainKt');
    expect(kotlinFacadeName('1st.kt')).toBe('_1stKt');
    expect(kotlinFacadeName('Hello.KT')).toBe('HelloKt');
  });
});

describe('chooseScalaMainClass', () => {
  it.each<[string, { name: string; content: string }[], string]>([
    ['an object with main', [{ name: 'whatever.scala', content: 'object Hello {\n  def main(args: Array[String]): Unit = println("hi")\n}\n' }], 'Hello'],
    ['an App, in a package', [{ name: 'A.scala', content: 'package x.y\nobject Run extends App {\n  println(1)\n}\n' }], 'x.y.Run'],
    [
      'a helper object and a class with main-like methods do not count',
      [
        { name: 'Util.scala', content: 'object Util { def twice(x: Int) = 2 * x }\nclass C { def main(args: Array[String]): Unit = () }\n' },
        { name: 'Main.scala', content: '/* object Fake { def main(args: Array[String]) = () } */\nobject Solution {\n  object Inner { def main(args: Array[String]): Unit = () }\n  def main(args: Array[String]): Unit = println(Util.twice(2))\n}\n' },
      ],
      'Solution',
    ],
  ])('%s', (_what, sources, expected) => {
    expect(chooseScalaMainClass(sources)).toEqual({ ok: true, mainClass: expected });
  });

  it('says why there is nothing to run', () => {
    expect(chooseScalaMainClass([{ name: 'a.scala', content: 'object A { def run(): Unit = () }' }])).toMatchObject({
      ok: false,
      message: expect.stringContaining('no object declares def main'),
    });
    const bodiless = chooseScalaMainClass([{ name: 'a.scala', content: 'object A\nobject B { def main(args: Array[String]): Unit = () }\n' }]);
    expect(bodiless).toEqual({ ok: true, mainClass: 'B' });
    const two = chooseScalaMainClass([{ name: 'a.scala', content: 'object A extends App\nobject B { def main(args: Array[String]): Unit = () }\n' }]);
    expect(two).toMatchObject({ ok: false, message: expect.stringContaining('several objects declare main (A, B)') });
  });
});
