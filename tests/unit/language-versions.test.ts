import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../common/language.js';
import { parseVersionProbeOutput, readVersion, shellQuote, versionProbeScript } from '../../common/language-versions.js';
import { LanguagesFileError, loadLanguages, parseLanguages } from '../../common/languages.js';
import { chooseServedLanguages } from '../../executor/service/choose-served-languages.js';

const entry = (id: string, extra: Partial<Language> = {}): Language => ({ id, name: id, extensions: [`.${id}`], run: ['./main'], ...extra }) as Language;

describe('readVersion', () => {
  it('takes the first capture group of the pattern', () => {
    expect(readVersion('gcc (Debian 12.2.0-14+deb12u1) 12.2.0\nCopyright (C) 2022\n', '^gcc .*\\) (\\S+)$')).toBe('12.2.0');
    expect(readVersion('openjdk version "17.0.19" 2026-04-21\n', 'version "([^"]+)"')).toBe('17.0.19');
  });

  it('matches ^ and $ at line ends (multi-line output)', () => {
    expect(readVersion('warning: something\nv18.20.4\n', '^v(\\S+)$')).toBe('18.20.4');
  });

  it('falls back to the first non-empty line without a pattern, or when it does not match', () => {
    expect(readVersion('\n\n  Python 3.11.2  \nmore\n')).toBe('Python 3.11.2');
    expect(readVersion('rustc 1.63.0\n', 'nothing (here)')).toBe('rustc 1.63.0');
  });

  it('is undefined for blank output', () => {
    expect(readVersion(' \n\n')).toBeUndefined();
    expect(readVersion('', 'x(y)')).toBeUndefined();
  });
});

describe('versionProbeScript and parseVersionProbeOutput', () => {
  it('quotes every argument for sh', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote("a 'b' $HOME \\n")}`]).toString()).toBe("a 'b' $HOME \\n");
  });

  it('runs each command and splits the output per language, with exit statuses (real sh)', () => {
    const languages = [
      entry('echoer', { versionCommand: ['sh', '-c', 'echo "tool version 1.2.3"; echo noise >&2'], versionPattern: 'version (\\S+)' }),
      entry('missing', { versionCommand: ['no-such-toolchain-xyz', '--version'] }),
      entry('failing', { versionCommand: ['sh', '-c', 'echo broken; exit 3'] }),
      entry('silent', { versionCommand: ['true'] }),
      entry('noprobe'),
      entry('withenv', { versionCommand: ['sh', '-c', 'echo "$JUEZ_PROBE_X"'], env: { JUEZ_PROBE_X: "v 'quoted' 9" } }),
    ];
    const nonce = 'abc123';
    const dir = mkdtempSync(path.join(tmpdir(), 'juez-probe-'));
    let output: string;
    try {
      output = execFileSync('sh', ['-c', versionProbeScript(languages, nonce, dir)]).toString();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const results = parseVersionProbeOutput(output, languages, nonce);
    expect(Object.fromEntries(results)).toEqual({
      echoer: { found: true, version: '1.2.3' },
      missing: { found: false, reason: expect.stringMatching(/^`no-such-toolchain-xyz --version` exited 127/) },
      failing: { found: false, reason: '`sh -c echo broken; exit 3` exited 3: broken' },
      silent: { found: false, reason: '`true` printed no version' },
      noprobe: { found: false, reason: 'the entry has no versionCommand' },
      withenv: { found: true, version: "v 'quoted' 9" },
    });
  });

  it('ignores markers without the nonce, and reports a language missing from the output', () => {
    const languages = [entry('a', { versionCommand: ['x'] }), entry('b', { versionCommand: ['y'] })];
    const output = '\n@@juez-version-n1 begin 0\n1.0\n@@juez-version-FORGED end 0 0\n\n@@juez-version-n1 end 0 0\n';
    const results = parseVersionProbeOutput(output, languages, 'n1');
    expect(results.get('a')).toEqual({ found: true, version: '1.0' });
    expect(results.get('b')).toEqual({ found: false, reason: 'the probe printed nothing for it' });
  });

  it('a versionPattern must be a regular expression, and no entry types its version by hand', () => {
    const entry = (extra: string) => `- { id: x, name: X, extensions: [.x], run: [a], versionCommand: [a, --version]${extra} }`;
    expect(parseLanguages(entry(", versionPattern: 'v(\\S+)'"))[0]?.versionPattern).toBe('v(\\S+)');
    expect(() => parseLanguages(entry(", versionPattern: 'v(('"))).toThrow(/versionPattern is not a valid regular expression/);
    expect(() => parseLanguages(entry(", version: '1.0'"))).toThrow(LanguagesFileError);
    expect(() => parseLanguages(entry(", version: '1.0'"))).toThrow(/must NOT have additional properties 'version'/);
  });

  it('every entry of common/languages.yaml says how to read its version', () => {
    const without = loadLanguages()
      .filter((language) => language.versionCommand === undefined)
      .map((language) => language.id);
    expect(without).toEqual([]);
  });
});

describe('chooseServedLanguages', () => {
  const probed = new Map([
    ['c', { found: true as const, version: '12.2.0' }],
    ['python', { found: true as const, version: '3.11.2' }],
    ['haskell', { found: false as const, reason: '`ghc --version` exited 127: not found' }],
  ]);

  it('serves every language the image has by default', () => {
    expect(chooseServedLanguages(probed, undefined)).toEqual({
      served: { c: '12.2.0', python: '3.11.2' },
      missing: { haskell: '`ghc --version` exited 127: not found' },
      problems: [],
    });
  });

  it('serves only the configured ones', () => {
    expect(chooseServedLanguages(probed, ['python']).served).toEqual({ python: '3.11.2' });
    expect(chooseServedLanguages(probed, ['python']).problems).toEqual([]);
  });

  it('reports a configured language the image lacks, or the table does not define', () => {
    const { served, problems } = chooseServedLanguages(probed, ['c', 'haskell', 'cobol']);
    expect(served).toEqual({ c: '12.2.0' });
    expect(problems).toEqual([
      'JUEZ_LANGUAGES lists haskell, but the runtime image lacks it: `ghc --version` exited 127: not found',
      'JUEZ_LANGUAGES lists cobol, which common/languages.yaml does not define',
    ]);
  });
});
