/**
 * The main-class finders a language entry may name (`mainClassFinder` in common/languages.yaml): each reads a
 * submission's sources and says which class to run, the `{mainClass}` of the run command, or why there is
 * none to run. A JVM language whose runnable class is not named after its file plugs its finder in here.
 */
import { chooseMainClass, type MainClassResult } from './java-main-class.js';
import { chooseKotlinMainClass, chooseScalaMainClass } from './jvm-language-main-class.js';

export type { MainClassResult } from './java-main-class.js';

/** A source file of the submission, as text. */
export interface MainClassSource {
  name: string;
  content: string;
}

/** Reads the sources (only those with one of the language's extensions) and names the class to run. */
export type MainClassFinder = (sources: readonly MainClassSource[]) => MainClassResult;

/** Every finder, by the name a language entry gives. */
export const MAIN_CLASS_FINDERS: Readonly<Record<string, MainClassFinder>> = {
  java: chooseMainClass,
  kotlin: chooseKotlinMainClass,
  scala: chooseScalaMainClass,
};

/** Whether `name` is a finder juez has (checked when languages.yaml is loaded). */
export function isMainClassFinder(name: string): boolean {
  return Object.hasOwn(MAIN_CLASS_FINDERS, name);
}
