/**
 * A package's input validators, and the arguments each one gets on a test group's inputs. Only
 * `judge-cli verify` runs them (as problemtools' verifyproblem does), so nothing here stops a package from
 * being judged: whatever is wrong with them is a warning.
 */
import path from 'node:path';
import type { Language } from '../language.js';
import type { PackageEntry, PackageFiles } from './package-files.js';
import type { PackageIssues } from './problem-package-error.js';
import type { InputValidator, InputValidatorFlags } from './problem.js';
import { readPackageProgram } from './read-package-program.js';

/**
 * Folders holding one input validator per file or sub-folder: the format's `input_validators/` (legacy and
 * 2023-07) and `input_format_validators/`, the older name problemtools still reads.
 */
export const INPUT_VALIDATOR_FOLDERS = ['input_validators', 'input_format_validators'] as const;

/** The 2023-07 draft's folder that is itself one input validator, like `output_validator/`. */
export const SINGLE_INPUT_VALIDATOR_FOLDER = 'input_validator';

/**
 * Every input validator of the package, in folder and name order. Each is a source file, a folder of
 * sources, or a folder with `build` / `run` scripts (readPackageProgram). One whose language cannot be told
 * (or that mixes languages) is left out with a warning naming it, never an error: judging does not need it.
 */
export async function readInputValidators(
  files: PackageFiles,
  languages: readonly Language[],
  issues: PackageIssues,
): Promise<InputValidator[]> {
  const asWarning = { add: (file: string, message: string): void => issues.warn(file, `${message}: this input validator is not run`) };
  const read = async (entry: PackageEntry): Promise<InputValidator[]> => {
    const program = await readPackageProgram(files, entry, languages, asWarning, { scripts: true });
    return program === undefined ? [] : [{ ...program, name: path.relative(files.dir, entry.path).split(path.sep).join('/') }];
  };
  const validators: InputValidator[] = [];
  for (const folder of INPUT_VALIDATOR_FOLDERS) {
    const entry = await files.at(folder);
    if (entry === undefined) continue;
    if (entry.kind !== 'dir') {
      issues.warn(entry.path, 'must be a folder of input validators: ignored');
      continue;
    }
    for (const item of await files.list(entry)) validators.push(...(await read(item)));
  }
  const single = await files.at(SINGLE_INPUT_VALIDATOR_FOLDER);
  if (single?.kind === 'dir') validators.push(...(await read(single)));
  else if (single !== undefined) issues.warn(single.path, 'must be a folder holding the input validator: ignored');
  return validators;
}

/**
 * The arguments `validator` gets on the inputs of a group whose flags are `flags`: the group's list, or
 * (2023-07 mapping) the list under the validator's name, its file name (`validate.py`) or that name without
 * its extension (`validate`); none otherwise.
 */
export function inputValidatorArguments(flags: InputValidatorFlags | undefined, validator: Pick<InputValidator, 'name'>): string[] {
  if (flags === undefined) return [];
  if ('all' in flags) return [...flags.all];
  const base = path.posix.basename(validator.name);
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  for (const key of [validator.name, base, stem]) {
    const found = flags.byValidator[key];
    if (found !== undefined) return [...found];
  }
  return [];
}
