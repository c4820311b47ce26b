/**
 * The browser code of the views, bundled by esbuild in memory when the server starts (about a tenth
 * of a second), so there is no build step to forget and no stale bundle to serve.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { VIEWS_DIR } from '../files/project-paths.ts';

export const VIEWS = [
  'participant',
  'presenter',
  'projector',
  'prepare',
  'self-paced',
  'coordinator',
  'verify',
] as const;

export interface Asset {
  contentType: string;
  body: Buffer;
  gzipBytes: number;
}

export type ClientBundles = Map<string, Asset>;

export async function buildClientBundles(): Promise<ClientBundles> {
  const result = await build({
    entryPoints: {
      ...Object.fromEntries(VIEWS.map((v) => [v, join(VIEWS_DIR, v, 'main.ts')])),
      // The self-paced course's service worker, served at /sw.js.
      sw: join(VIEWS_DIR, 'self-paced', 'sw.ts'),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    outdir: '/assets',
    logLevel: 'silent',
    legalComments: 'none',
  });
  const bundles: ClientBundles = new Map();
  for (const file of result.outputFiles) {
    const name = file.path.split('/').pop() ?? '';
    const body = Buffer.from(file.contents);
    bundles.set(name, {
      contentType: 'text/javascript; charset=utf-8',
      body,
      gzipBytes: gzipSync(body).length,
    });
  }
  const css = await readFile(join(VIEWS_DIR, 'lectern.css'));
  bundles.set('lectern.css', {
    contentType: 'text/css; charset=utf-8',
    body: css,
    gzipBytes: gzipSync(css).length,
  });
  return bundles;
}
