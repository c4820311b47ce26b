/**
 * The HTML shell of each view. The page carries its configuration and its messages as inert JSON
 * (allowed by the Content-Security-Policy, which forbids inline scripts); the view's bundle does the rest.
 */
import { isLang, type Lang, uiMessages } from '../i18n/catalogue.ts';

export type PageView =
  | 'participant'
  | 'presenter'
  | 'projector'
  | 'prepare'
  | 'self-paced'
  | 'coordinator'
  | 'verify';

const RTL = new Set(['ar']);

export function languageFor(query: string | null, acceptLanguage: string | undefined): Lang {
  if (query && isLang(query)) return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase() ?? '';
    if (isLang(tag)) return tag;
  }
  return 'en';
}

export function renderPage(options: {
  view: PageView;
  lang: Lang;
  title: string;
  config: Record<string, unknown>;
}): string {
  const messages = uiMessages(options.lang);
  const config = { view: options.view, lang: options.lang, messages, ...options.config };
  // JSON inside <script> must not be able to close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const title = messages[`ui.title.${options.view}`] ?? options.title;
  return `<!doctype html>
<html lang="${options.lang}" dir="${RTL.has(options.lang) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/lectern.css">
</head>
<body class="view-${options.view}">
<div id="app"></div>
<script type="application/json" id="lectern-config">${json}</script>
<script type="module" src="/assets/${options.view}.js"></script>
</body>
</html>
`;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
