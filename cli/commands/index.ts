/** Every CLI command. Add new commands here. */
import type { CliCommand } from '../command.js';
import { importCommands } from './importCsv.js';
import { syncDirectoryCommand } from './syncDirectory.js';
import { payslipCommands } from './importPayslips.js';
import { importJobsCommand } from './importJobs.js';
import { outboxCommands } from './outbox.js';

export const commands: readonly CliCommand[] = [...importCommands, ...payslipCommands, syncDirectoryCommand, importJobsCommand, ...outboxCommands];
