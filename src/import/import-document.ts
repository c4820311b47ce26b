import { checkCourse } from '../content/check-course.ts';
import type { SourceFile } from '../content/model.ts';
import { parseCourse } from '../content/parse-course.ts';
import type { Problem } from '../content/problem.ts';
import { metadataHeading } from './block-vocabulary.ts';
import { readFrontMatter } from './front-matter.ts';
import { ImportError } from './import-error.ts';
import type { ImportedCourse } from './imported-course.ts';
import { bodyWidth, gapsEndParagraphs, layoutLines } from './layout-line.ts';
import { removePageFurniture } from './page-furniture.ts';
import { planSlides } from './plan-slides.ts';
import { readSessionNotes } from './session-notes.ts';
import type { SourceLine } from './source-line.ts';
import { acronymsOf, isCaps } from './text-case.ts';
import { textLines } from './text-lines.ts';
import { writeCourse } from './write-course.ts';

/**
 * `lectern import`'s core: a document's bytes in, a course folder's files out, with every guess
 * listed and the result checked by the same checker as hand-written courses.
 */
export interface ImportResult {
  course: ImportedCourse;
  files: SourceFile[];
  /** Problems `lectern check` finds in the result (the importer aims for none). */
  problems: Problem[];
  /** Running headers and footers that were removed. */
  furniture: string[];
  pages: number;
}

export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export async function importDocument(name: string, bytes: Uint8Array): Promise<ImportResult> {
  const lines = await sourceLines(name, bytes);
  return importLines(lines, name);
}

export async function sourceLines(name: string, bytes: Uint8Array): Promise<SourceLine[]> {
  if (bytes.length === 0) throw new ImportError('IMPORT_EMPTY');
  const isPdf = /\.pdf$/i.test(name) || startsWith(bytes, '%PDF-');
  if (isPdf) {
    const { readPdf } = await import('./pdf/read-pdf.ts');
    return (await readPdf(bytes)).lines;
  }
  if (!/\.(txt|text|md)$/i.test(name) && /\.\w+$/.test(name)) {
    throw new ImportError('IMPORT_UNSUPPORTED_TYPE', { file: name });
  }
  if (bytes.length > MAX_TEXT_BYTES)
    throw new ImportError('IMPORT_TOO_LARGE', { size: bytes.length, limit: MAX_TEXT_BYTES });
  return textLines(bytes);
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  return [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));
}

/** The pure part: source lines to course files. */
export function importLines(source: SourceLine[], name: string): ImportResult {
  const title = source.slice(0, 15).find((l) => isCaps(l.text) && /\w{3}/.test(l.text))?.text;
  const { body, removed } = removePageFurniture(source, title);
  const lines = layoutLines(body);
  if (lines.length === 0) throw new ImportError('IMPORT_EMPTY');
  const notesAt = sessionNotesStart(lines);
  const frontLines = lines.slice(0, notesAt);
  const notesLines = lines
    .slice(notesAt)
    .filter((l, i) => !(i === 0 && metadataHeading(l.text) === 'sessionNotes'));
  const front = readFrontMatter(frontLines, removed);
  const acronyms = acronymsOf(lines.map((l) => l.text));
  const notes = readSessionNotes(notesLines, {
    width: bodyWidth(lines),
    acronyms,
    moduleTitle: String(front.meta.title),
    markers: front.legendMarkers,
    gapsEndParagraphs: gapsEndParagraphs(lines),
  });
  const course: ImportedCourse = {
    meta: front.meta,
    sections: notes.sections,
    guesses: [...front.guesses, ...notes.guesses],
  };
  planSlides(course);
  const files = writeCourse(course, name);
  const { problems } = checkCourse(parseCourse(files));
  return { course, files, problems, furniture: removed, pages: new Set(source.map((l) => l.page)).size };
}

/** The notes start at a "Session Notes" heading, else at the first section ("1. INTRODUCTION", "Section 1:"). */
function sessionNotesStart(lines: ReturnType<typeof layoutLines>): number {
  // "Instructor Notes" may also be the title page's subtitle: the notes heading follows the metadata.
  const firstMetadata = lines.findIndex((l) => {
    const part = metadataHeading(l.text);
    return part !== undefined && part !== 'sessionNotes';
  });
  const heading = lines.findIndex((l, i) => i > firstMetadata && metadataHeading(l.text) === 'sessionNotes');
  if (heading >= 0) return heading;
  const legendAt = lines.findIndex((l) => metadataHeading(l.text) === 'legend');
  const section = lines.findIndex(
    (l, i) =>
      i > legendAt &&
      ((/^1\.?\s+\S/.test(l.text) && isCaps(l.text.replace(/^1\.?\s+/, ''))) ||
        /^(section|part|unit|lesson|topic)\s+(1|a|i)\s*[:.–—-]/i.test(l.text)),
  );
  return section >= 0 ? section : lines.length;
}
