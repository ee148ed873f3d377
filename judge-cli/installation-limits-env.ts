/**
 * The installation maxima judge-cli applies to packages: the services' JUEZ_MAX_* variables (and the wall
 * overshoot), so that judging locally gives what the installation would. The judge command passes main.ts's env in.
 */
import { loadConfig } from '../common/config-table.js';
import { installationLimitsOf, INSTALLATION_LIMITS_CONFIG_TABLE } from '../common/problem/installation-limits-config.js';
import type { InstallationLimits } from '../common/problem/installation-limits.js';

/**
 * @throws ConfigError listing every malformed variable.
 */
export function readInstallationLimits(env: Readonly<Record<string, string | undefined>>): InstallationLimits {
  return installationLimitsOf(loadConfig(INSTALLATION_LIMITS_CONFIG_TABLE, env));
}
