/** Command-line arguments shared by every subcommand. */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { isLang, type Lang } from '../i18n/catalogue.ts';

/** The course served and checked when no folder is named: Module 1. */
export const DEFAULT_COURSE = 'courses/poc-module-1';

/** `--lang` and `--help`, which every subcommand takes. */
const COMMON_OPTIONS = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/**
 * A subcommand's arguments: its own options besides `--lang` and `--help`, positionals allowed, an
 * unknown option refused (main reports it), and the language of its messages resolved.
 */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { ...COMMON_OPTIONS, ...options },
  });
  // Inside this generic function TypeScript cannot see `lang` among the values; callers see all of them.
  return { values, positionals, lang: resolveLang((values as { lang?: string }).lang) };
}

export interface CommonArgs {
  lang: Lang;
  help: boolean;
  json: boolean;
  positionals: string[];
}

export function parseCommonArgs(argv: string[]): CommonArgs {
  const { values, positionals, lang } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  return { lang, help: values.help ?? false, json: values.json ?? false, positionals };
}

/** The language of messages: `--lang`, else $LECTERN_LANG, else English. */
export function resolveLang(requested: string | undefined): Lang {
  const lang = requested ?? process.env.LECTERN_LANG ?? 'en';
  return isLang(lang) ? lang : 'en';
}
