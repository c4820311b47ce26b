/** The `lectern` command: dispatches to one subcommand per file. */

import { t } from '../i18n/catalogue.ts';
import { parseCommonArgs } from './args.ts';
import { runCheck } from './check-command.ts';
import { runExport } from './export-command.ts';
import { runShow } from './show-command.ts';
import { runStart } from './start-command.ts';

type Command = (argv: string[]) => Promise<number>;
const commands: Record<string, Command> = {
  check: runCheck,
  show: runShow,
  export: runExport,
  // Live delivery replaces this once the server exists; until then start checks and outlines Module 1.
  start: runStart,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const { lang } = safeLang(rest);
    if (name && name !== '--help' && name !== '-h') {
      process.stderr.write(`${t(lang, 'cli.unknownCommand', { command: name })}\n`);
      return 2;
    }
    process.stdout.write(`${t(lang, 'cli.usage')}\n`);
    return name ? 0 : 2;
  }
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
