/** The message catalogue: every user-facing string is looked up here by key and language. */

import type { Problem } from '../content/problem.ts';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';
import { uiEn } from './ui-en.ts';
import { uiFr } from './ui-fr.ts';

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, fr };

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Looks up an optional key, e.g. one built from data; undefined when the catalogue lacks it. */
export function tMaybe(
  lang: Lang,
  key: string,
  params: Record<string, string | number> = {},
): string | undefined {
  return key in en ? t(lang, key as MessageKey, params) : undefined;
}

/** Problem parameters that are themselves message keys (an expectation, a detail) are translated too. */
export function problemMessage(lang: Lang, p: Problem): string {
  const params: Record<string, string | number> = { ...p.params };
  if (typeof params.expected === 'string') {
    const [kind = '', n = ''] = params.expected.split(/:(.*)/s);
    params.expected = tMaybe(lang, `expect.${kind}`, { n }) ?? params.expected;
  }
  for (const name of ['detail', 'reason'] as const) {
    const value = params[name];
    if (typeof value === 'string') params[name] = tMaybe(lang, `${name}.${value}`) ?? value;
  }
  return t(lang, `problem.${p.code}`, params);
}

export function formatProblem(lang: Lang, p: Problem): string {
  return `${p.at.file}:${p.at.line}:${p.at.column}  ${p.code}  ${problemMessage(lang, p)}`;
}

/** The messages a browser view needs, in one language (English where a translation is missing). */
export function uiMessages(lang: Lang): Record<string, string> {
  return { ...uiEn, ...(lang === 'fr' ? uiFr : {}) };
}
