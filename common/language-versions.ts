/**
 * Reading toolchain versions from a runtime image: one shell script runs every language's `versionCommand`
 * in one container (one container start instead of 25), and its output is split back per language. The
 * version juez reports is what the image says, never typed by hand. Pure: the container is the caller's.
 */
import type { Language } from './language.js';

/** What probing one language found in an image. */
export type ProbedVersion =
  | { found: true; version: string }
  /** The image lacks the toolchain (its command failed or is missing), or the entry has no versionCommand. */
  | { found: false; reason: string };

/** Language id → version read from the image: what an executor serves and advertises. */
export type LanguageVersions = Readonly<Record<string, string>>;

/** Each command's wall-clock bound inside the probe, s: a JVM's `-version` takes about one. */
export const VERSION_COMMAND_TIMEOUT_S = 30;

const MARKER = '@@juez-version';

/** `'it''s'` for sh: single quotes keep everything literal but a single quote itself. */
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The sh script that runs every language's version command at once (each in the background, stdin closed,
 * stderr merged into stdout, bounded by `timeout`), then prints each output between markers carrying the
 * language's index and exit status. The markers include `nonce` so that no command's output can forge
 * one. Languages without a versionCommand are left out. Outputs are kept in `dir` (a writable directory
 * of the container, plain characters only).
 */
export function versionProbeScript(languages: readonly Language[], nonce: string, dir = '/tmp'): string {
  const lines = ['exec 2>&1', `cd ${shellQuote(dir)} || exit 1`];
  languages.forEach((language, index) => {
    if (language.versionCommand === undefined) return;
    const env = Object.entries(language.env ?? {}).map(([name, value]) => `${name}=${value}`);
    const argv = [...(env.length > 0 ? ['env', ...env] : []), ...language.versionCommand].map(shellQuote).join(' ');
    lines.push(`( timeout ${VERSION_COMMAND_TIMEOUT_S} ${argv} </dev/null >${dir}/v${index} 2>&1; echo $? >${dir}/s${index} ) &`);
  });
  lines.push('wait');
  languages.forEach((language, index) => {
    if (language.versionCommand === undefined) return;
    lines.push(
      `printf '\\n${MARKER}-${nonce} begin ${index}\\n'; cat ${dir}/v${index}; printf '\\n${MARKER}-${nonce} end ${index} %s\\n' "$(cat ${dir}/s${index})"`,
    );
  });
  return lines.join('\n');
}

/**
 * Splits the probe script's output into one result per language (by id). A language whose command exited
 * non-zero, printed nothing, or is missing from the output is not found; one without a versionCommand
 * neither (the executor cannot tell whether its image has it).
 */
export function parseVersionProbeOutput(output: string, languages: readonly Language[], nonce: string): Map<string, ProbedVersion> {
  const results = new Map<string, ProbedVersion>();
  const section = new RegExp(`\\n${MARKER}-${nonce} begin (\\d+)\\n([\\s\\S]*?)\\n${MARKER}-${nonce} end \\1 (\\d*)\\n`, 'g');
  const sections = new Map<number, { text: string; status: string }>();
  for (const match of output.replaceAll('\r\n', '\n').matchAll(section)) {
    sections.set(Number(match[1]), { text: match[2] ?? '', status: match[3] ?? '' });
  }
  languages.forEach((language, index) => {
    if (language.versionCommand === undefined) {
      results.set(language.id, { found: false, reason: 'the entry has no versionCommand' });
      return;
    }
    const found = sections.get(index);
    if (found === undefined) {
      results.set(language.id, { found: false, reason: 'the probe printed nothing for it' });
      return;
    }
    const command = language.versionCommand.join(' ');
    if (found.status !== '0') {
      const why = found.status === '124' ? `timed out after ${VERSION_COMMAND_TIMEOUT_S} s` : `exited ${found.status || '?'}`;
      results.set(language.id, { found: false, reason: `\`${command}\` ${why}: ${firstLine(found.text) ?? 'no output'}` });
      return;
    }
    const version = readVersion(found.text, language.versionPattern);
    results.set(language.id, version === undefined ? { found: false, reason: `\`${command}\` printed no version` } : { found: true, version });
  });
  return results;
}

/**
 * The version in a version command's output: the first capture group of `pattern` (multi-line mode, so
 * `^` and `$` match at line ends), else — no pattern, or it does not match — the first non-empty line.
 * Undefined when the output is blank. Whitespace around the result is trimmed.
 */
export function readVersion(output: string, pattern?: string): string | undefined {
  if (pattern !== undefined) {
    const captured = new RegExp(pattern, 'm').exec(output)?.[1]?.trim();
    if (captured !== undefined && captured !== '') return captured;
  }
  return firstLine(output);
}

function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
}
