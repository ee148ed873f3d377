import { InvalidArgumentError, type Command } from 'commander';

/** The options of every command that judges (parsed by commander). */
export interface PoolCliOptions {
  poolSize?: number;
  image?: string;
}

/** Adds --pool-size and --image to a judging command. */
export function addPoolOptions(command: Command): Command {
  return command
    .option('-j, --pool-size <n>', 'sandbox containers to keep warm (default: number of CPUs)', parsePoolSize)
    .option('--image <tag>', "runtime image (default: this checkout's, built if missing)");
}

function parsePoolSize(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return value;
}

/** For commander: a number > 0 (seconds may be fractional). */
export function parsePositiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a positive number');
  return value;
}
