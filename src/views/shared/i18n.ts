/** Messages of the views: every user-facing string comes from the page's `messages`, by key. */
import type { UiKey } from '../../i18n/ui-en.ts';
import type { ViewConfig } from './config.ts';

let messages: Record<string, string> = {};
let lang = 'en';

export function initI18n(config: ViewConfig): void {
  messages = config.messages;
  lang = config.lang;
}

export function currentLang(): string {
  return lang;
}

/** The message for `key` with `{name}` placeholders filled in; numbers are formatted for the language. */
export function t(key: UiKey, params: Record<string, string | number> = {}): string {
  const template = messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The message of a server error code (`ui.error.<CODE>`), falling back to the internal error's. */
export function errorMessage(code: string): string {
  const key = `ui.error.${code}`;
  return messages[key] ?? messages['ui.error.INTERNAL'] ?? code;
}

export function formatNumber(value: number, maximumFractionDigits = 1): string {
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits }).format(value);
  } catch {
    return String(Math.round(value * 10) / 10);
  }
}

/** 0..1 as a whole percentage in the language's style ("75 %" in French). */
export function formatPercent(fraction: number): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  } catch {
    return `${Math.round(fraction * 100)}%`;
  }
}
