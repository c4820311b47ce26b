/** The `lectern` command: dispatches to one subcommand per file. */

import { t } from '../i18n/catalogue.ts';
import { parseCommonArgs } from './args.ts';

type Command = (argv: string[]) => Promise<number>;
// Loaded on demand: the server need not carry the PDF and PowerPoint writers in memory, nor the
// exporters the server.
const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check-command.ts')).runCheck,
  show: async () => (await import('./show-command.ts')).runShow,
  export: async () => (await import('./export-command.ts')).runExport,
  import: async () => (await import('./import-command.ts')).runImport,
  start: async () => (await import('./start-command.ts')).runStart,
  verify: async () => (await import('./verify-command.ts')).runVerify,
  account: async () => (await import('./account-command.ts')).runAccount,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    const { lang } = safeLang(rest);
    if (name && name !== '--help' && name !== '-h') {
      process.stderr.write(`${t(lang, 'cli.unknownCommand', { command: name })}\n`);
      return 2;
    }
    process.stdout.write(`${t(lang, 'cli.usage')}\n`);
    return name ? 0 : 2;
  }
  const command = await load();
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(
        `${error.message}\n${t(safeLang(rest).lang, 'cli.unknownOption', { option: '', command: name ?? '' })}\n`,
      );
      return 2;
    }
    throw error;
  }
}

function safeLang(argv: string[]) {
  try {
    return parseCommonArgs(argv);
  } catch {
    return parseCommonArgs([]);
  }
}
