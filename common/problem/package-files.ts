import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PackageIssues } from './problem-package-error.js';

/** A regular file or a directory of the package. */
export interface PackageEntry {
  /** Name in its folder (the link's name for a symbolic link). */
  name: string;
  /** Path as the package names it, absolute: used for names and messages. */
  path: string;
  /** Where the bytes really are, absolute, always inside the package: used for reading. */
  realPath: string;
  kind: 'file' | 'dir';
}

/**
 * The files of one package, confined to it. Packages come from instructors and archives, so nothing is
 * trusted: a symbolic link may point anywhere (`data/secret/1.ans -> /etc/shadow`), and a FIFO or device
 * would hang or feed the reader. Every entry is resolved to its real path and refused unless that is a
 * regular file or a directory below the package's own real path. Refusals are recorded as issues.
 */
export class PackageFiles {
  /** Real paths of the directories listed so far. */
  private readonly visited = new Set<string>();

  private constructor(
    /** The package directory as given (absolute): paths in names and messages start here. */
    readonly dir: string,
    /** Real path of the package directory: every entry must resolve below it. */
    readonly root: string,
    private readonly issues: PackageIssues,
  ) {}

  /** Opens a package directory; undefined (with an issue recorded) when it is not a readable directory. */
  static async open(dir: string, issues: PackageIssues): Promise<PackageFiles | undefined> {
    try {
      const root = await realpath(dir);
      if (!(await stat(root)).isDirectory()) {
        issues.add(dir, 'is not a directory');
        return undefined;
      }
      return new PackageFiles(path.resolve(dir), root, issues);
    } catch (error) {
      issues.add(dir, describeFsError(error, 'cannot be opened'));
      return undefined;
    }
  }

  /**
   * The entry at a `/`-separated path relative to the package directory, or undefined when it does not
   * exist or is refused. Resolved one segment at a time, so that a symbolic link anywhere on the way
   * (`data -> /etc`) is checked, not silently followed.
   */
  async at(relative: string): Promise<PackageEntry | undefined> {
    let current: PackageEntry | undefined = { name: '', path: this.dir, realPath: this.root, kind: 'dir' };
    for (const segment of relative.split('/').filter((s) => s !== '' && s !== '.')) {
      if (current.kind !== 'dir') return undefined;
      current = await this.entry(path.join(current.path, segment), path.join(current.realPath, segment));
      if (current === undefined) return undefined;
    }
    return current;
  }

  /**
   * The entry at `absolute` (a path inside the package), or undefined when it does not exist or is
   * refused (then an issue says why). `actual` is where it is on disk when a parent is a symbolic link.
   */
  private async entry(absolute: string, actual: string): Promise<PackageEntry | undefined> {
    let info;
    try {
      info = await lstat(actual);
    } catch (error) {
      if (isMissing(error)) return undefined;
      this.issues.add(absolute, describeFsError(error, 'cannot be read'));
      return undefined;
    }
    let realPath = actual;
    if (info.isSymbolicLink()) {
      try {
        realPath = await realpath(actual);
        info = await stat(realPath);
      } catch {
        this.issues.add(absolute, 'is a symbolic link to nothing');
        return undefined;
      }
      if (!isInside(this.root, realPath)) {
        this.issues.add(absolute, 'is a symbolic link that points outside the package');
        return undefined;
      }
    }
    const kind = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : undefined;
    if (kind === undefined) {
      this.issues.add(absolute, 'is neither a regular file nor a directory');
      return undefined;
    }
    return { name: path.basename(absolute), path: absolute, realPath, kind };
  }

  /**
   * The entries of a directory in code-unit order of name, hidden ones (`.git`, `.gitkeep`) left out unless
   * `hidden` (a listing that reports what it ignores wants them).
   * A directory reached twice (a symbolic link loop) yields nothing the second time, with an issue.
   */
  async list(dir: PackageEntry, options: { hidden?: boolean } = {}): Promise<PackageEntry[]> {
    if (this.visited.has(dir.realPath)) {
      this.issues.add(dir.path, 'is reached twice through symbolic links');
      return [];
    }
    this.visited.add(dir.realPath);
    let names: string[];
    try {
      names = await readdir(dir.realPath);
    } catch (error) {
      this.issues.add(dir.path, describeFsError(error, 'cannot be listed'));
      return [];
    }
    const visible = names.filter((name) => options.hidden === true || !name.startsWith('.')).sort();
    const entries = await Promise.all(
      visible.map((name) => this.entry(path.join(dir.path, name), path.join(dir.realPath, name))),
    );
    return entries.filter((e) => e !== undefined);
  }

  /** Every regular file below a directory (recursively), in path order. */
  async filesBelow(dir: PackageEntry): Promise<PackageEntry[]> {
    const out: PackageEntry[] = [];
    for (const entry of await this.list(dir)) {
      if (entry.kind === 'file') out.push(entry);
      else out.push(...(await this.filesBelow(entry)));
    }
    return out;
  }

  /** A file's text, or undefined (with an issue) when it cannot be read. */
  async readText(file: PackageEntry): Promise<string | undefined> {
    try {
      return await readFile(file.realPath, 'utf8');
    } catch (error) {
      this.issues.add(file.path, describeFsError(error, 'cannot be read'));
      return undefined;
    }
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** `cannot be read (EACCES)`: the error code, never a stack or a raw message with host paths. */
function describeFsError(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${what} (${code})` : what;
}
