/**
 * The files every LMS package shares: `index.html` with the self-paced package and the page's messages
 * embedded as inert JSON, `player.js` (the player and the tracker for the LMS, bundled by esbuild as
 * one classic script, so that it also runs from a file: URL and in old LMS frames) and `lectern.css`.
 * Zipped with fixed dates, so that the same course gives the same bytes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import JSZip from 'jszip';
import type { Course } from '../../content/model.ts';
import { VIEWS_DIR } from '../../files/project-paths.ts';
import { isLang, type Lang, uiMessages } from '../../i18n/catalogue.ts';
import { buildSelfPacedPackage } from '../../selfpaced/build-package.ts';
import type { SelfPacedPackage } from '../../selfpaced/self-paced-package.ts';
import { escapeXml } from '../escape-xml.ts';
import { DEFAULT_XAPI_BASE } from '../xapi/statements.ts';

export type LmsKind = 'scorm12' | 'scorm2004' | 'cmi5';

export interface LmsExportOptions {
  /** Base of the xAPI IRIs (cmi5 course and AU ids, interaction ids). Default https://lectern.example. */
  base?: string;
}

export const PLAYER_FILES = ['index.html', 'player.js', 'lectern.css'] as const;

const ENTRIES: Record<LmsKind, string> = {
  scorm12: join(VIEWS_DIR, 'self-paced', 'main-scorm12.ts'),
  scorm2004: join(VIEWS_DIR, 'self-paced', 'main-scorm2004.ts'),
  cmi5: join(VIEWS_DIR, 'self-paced', 'main-cmi5.ts'),
};

const bundles = new Map<LmsKind, Promise<string>>();

/** The player bundle for an LMS, built once per process. */
export function playerBundle(kind: LmsKind): Promise<string> {
  let bundle = bundles.get(kind);
  if (!bundle) {
    bundle = build({
      entryPoints: [ENTRIES[kind]],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error(`esbuild gave no bundle for ${kind}`);
      return file.text;
    });
    bundle.catch(() => bundles.delete(kind));
    bundles.set(kind, bundle);
  }
  return bundle;
}

/** JSON that cannot close the <script> element it sits in. */
function inertJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function courseLang(course: Course): Lang {
  const tag = course.meta.language.slice(0, 2).toLowerCase();
  return isLang(tag) ? tag : 'en';
}

export function indexHtml(pkg: SelfPacedPackage, lang: Lang, base: string): string {
  const config = { lang, messages: uiMessages(lang), base };
  return `<!doctype html>
<html lang="${escapeXml(lang)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(pkg.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="lectern.css">
</head>
<body class="view-self-paced">
<div id="app"></div>
<script type="application/json" id="lectern-package">${inertJson(pkg)}</script>
<script type="application/json" id="lectern-config">${inertJson(config)}</script>
<script src="player.js"></script>
</body>
</html>
`;
}

export interface PlayerFiles {
  pkg: SelfPacedPackage;
  lang: Lang;
  base: string;
  /** Path in the zip → content. */
  files: Map<string, string>;
}

export async function playerFiles(
  course: Course,
  kind: LmsKind,
  options: LmsExportOptions = {},
): Promise<PlayerFiles> {
  const pkg = buildSelfPacedPackage(course);
  const lang = courseLang(course);
  const base = (options.base ?? DEFAULT_XAPI_BASE).replace(/\/+$/, '');
  const [script, css] = await Promise.all([
    playerBundle(kind),
    readFile(join(VIEWS_DIR, 'lectern.css'), 'utf8'),
  ]);
  const files = new Map<string, string>([
    ['index.html', indexHtml(pkg, lang, base)],
    ['player.js', script],
    ['lectern.css', css],
  ]);
  return { pkg, lang, base, files };
}

/** A fixed date for every entry: the same course makes the same zip. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export async function zipFiles(files: Map<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, content] of files) zip.file(path, content, { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
}

/** A manifest identifier: an XML NCName built from the course id. */
export function xmlId(prefix: string, id: string): string {
  return `${prefix}${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}
