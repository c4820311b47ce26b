/**
 * Bundles the server into dist/lectern.mjs: plain JavaScript, so that `npm start` runs without
 * TypeScript stripping in memory. Used by scripts/start.sh and by bench/live (which measures the
 * server as `npm start` runs it). Usage: node scripts/build-server.ts [checkout-dir]
 */
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export async function buildServerBundle(root: string): Promise<string> {
  const outfile = join(root, 'dist', 'lectern.mjs');
  await build({
    entryPoints: [join(root, 'bin', 'lectern.js')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.main) await buildServerBundle(resolve(process.argv[2] ?? join(import.meta.dirname, '..')));
