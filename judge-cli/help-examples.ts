/**
 * The `Examples:` section every judge-cli --help ends with: realistic command lines, indented as commander
 * indents its own sections, so that a user can copy one and edit it.
 */
export function examplesHelp(...examples: readonly string[]): string {
  return `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}`;
}
