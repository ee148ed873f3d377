import path from 'node:path';

/** One thing wrong with a package: the file it is about and what is wrong, for the package's author. */
export interface PackageIssue {
  /** Path of the file or folder, as shown to people (relative to the working directory when inside it). */
  file: string;
  message: string;
}

/**
 * A problem package is malformed. The package must be fixed; reading it again will not help. The message
 * lists every problem found (not just the first), one per line as `<file>: <what is wrong>`, so that one
 * round of edits fixes them all. It never carries a stack trace or a parser's raw exception.
 */
export class ProblemPackageError extends Error {
  override readonly name = 'ProblemPackageError';
  constructor(
    /** The package directory as shown to people. */
    readonly packageDir: string,
    readonly issues: readonly PackageIssue[],
  ) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`problem package ${packageDir} is invalid (${count}):\n${issues.map((i) => `  ${i.file}: ${i.message}`).join('\n')}`);
  }
}

/** Collects the issues of one package while it is read, then throws them all at once. */
export class PackageIssues {
  readonly #root: string;
  readonly #issues: PackageIssue[] = [];
  readonly #warnings: PackageIssue[] = [];

  /** `root`: the package directory (absolute). */
  constructor(root: string) {
    this.#root = root;
  }

  /** Records an issue about `file`, an absolute path or a path relative to the package root. */
  add(file: string, message: string): void {
    this.#issues.push({ file: this.display(path.resolve(this.#root, file)), message });
  }

  /**
   * Records something the author should know but that does not stop the package from being judged (an
   * unknown key, sample-only test data): `verify` prints these; judging goes on as the format allows.
   */
  warn(file: string, message: string): void {
    this.#warnings.push({ file: this.display(path.resolve(this.#root, file)), message });
  }

  /** The warnings recorded so far, in order. */
  get warnings(): PackageIssue[] {
    return [...this.#warnings];
  }

  get count(): number {
    return this.#issues.length;
  }

  /** @throws ProblemPackageError when any issue was recorded. */
  throwIfAny(): void {
    if (this.#issues.length > 0) throw this.toError();
  }

  /** The error listing every issue recorded so far. */
  toError(): ProblemPackageError {
    return new ProblemPackageError(this.display(this.#root), [...this.#issues]);
  }

  /** A path as people should see it: relative to the working directory when below it. */
  display(absolute: string): string {
    const relative = path.relative(process.cwd(), absolute);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  }
}
