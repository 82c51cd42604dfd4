/** Every CLI command. Add new commands here. */
import type { CliCommand } from '../command.js';
import { importCommands } from './importCsv.js';

export const commands: readonly CliCommand[] = [...importCommands];
