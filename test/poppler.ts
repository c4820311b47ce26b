/** poppler-utils from Debian (npm test installs it): PDFs read back as a reader would. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether pdftotext, pdfinfo and pdftoppm are installed. */
export const POPPLER = ['pdftotext', 'pdfinfo', 'pdftoppm'].every((tool) => existsSync(`/usr/bin/${tool}`));

/** Runs /usr/bin/`tool` and returns what it printed. */
export function run(tool: string, args: string[]): string {
  return execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Text with every run of white space (line breaks and layout padding) made one space. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** pdfinfo's fields (Pages, Tagged, Page size, …) by name. */
export function info(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', [path]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1]) out[m[1].trim()] = (m[2] ?? '').trim();
  }
  return out;
}
