/** Command-line arguments shared by every subcommand. */
import { parseArgs } from 'node:util';
import { isLang, type Lang } from '../i18n/catalogue.ts';

/** The course served and checked when no folder is named: Module 1. */
export const DEFAULT_COURSE = 'courses/poc-module-1';

export interface CommonArgs {
  lang: Lang;
  help: boolean;
  json: boolean;
  positionals: string[];
}

export function parseCommonArgs(argv: string[]): CommonArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
    },
  });
  return {
    lang: resolveLang(values.lang),
    help: values.help ?? false,
    json: values.json ?? false,
    positionals,
  };
}

/** The language of messages: `--lang`, else $LECTERN_LANG, else English. */
export function resolveLang(requested: string | undefined): Lang {
  const lang = requested ?? process.env.LECTERN_LANG ?? 'en';
  return isLang(lang) ? lang : 'en';
}
