/**
 * Where the project's own files are, whether the code runs from its TypeScript sources or from the
 * server bundle in dist/ that `npm start` builds.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'src', 'views', 'lectern.css'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Lectern's src/views/ was not found above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
/** The browser code of the views, bundled by esbuild on demand. */
export const VIEWS_DIR = join(PROJECT_ROOT, 'src', 'views');
