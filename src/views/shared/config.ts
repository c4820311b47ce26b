/**
 * The page's configuration, written by the server as inert JSON (`#lectern-config`): the view, the
 * language, its messages and, per view, the join code or the session id.
 */

export type ViewName = 'participant' | 'presenter' | 'projector' | 'prepare';

export interface ViewConfig {
  view: ViewName;
  lang: string;
  messages: Record<string, string>;
  publicUrl: string;
  /** Participant view: the join code from the URL (`/j/<code>`), or null on `/join`. */
  code?: string | null;
  /** Presenter and projector views: the session id from the URL. */
  sessionId?: string;
}

const RTL = new Set(['ar', 'fa', 'he', 'ur']);

export function readConfig(): ViewConfig {
  const element = document.getElementById('lectern-config');
  let parsed: Partial<ViewConfig> = {};
  try {
    parsed = JSON.parse(element?.textContent ?? '{}') as Partial<ViewConfig>;
  } catch {
    // A broken page still renders, in English keys.
  }
  const config: ViewConfig = {
    view: parsed.view ?? 'participant',
    lang: parsed.lang ?? 'en',
    messages: parsed.messages ?? {},
    publicUrl: parsed.publicUrl ?? location.origin,
    code: parsed.code ?? null,
    ...(parsed.sessionId ? { sessionId: parsed.sessionId } : {}),
  };
  const root = document.documentElement;
  root.lang = config.lang;
  root.dir = RTL.has(config.lang.split('-')[0] ?? '') ? 'rtl' : 'ltr';
  return config;
}

/** A `key=value` pair from the URL fragment (`#token=…`, `#key=…`): never sent to the server in a request line. */
export function hashParam(name: string): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const value = params.get(name);
  return value && value.trim() !== '' ? value.trim() : null;
}
