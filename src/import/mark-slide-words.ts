import { normalise, slideText } from '../content/check-course.ts';
import type { ImportedBlock, ImportedSlide } from './imported-course.ts';

/**
 * The source highlights the slide's own words inside the speaking points (bold blue); the format marks
 * them `==…==`. A PDF still carries the highlight, so its bold coloured runs are marked; plain text has
 * lost it, so the slide's own phrases are looked for in the speaking points instead. Only words the
 * slide really shows are marked, as the checker requires.
 */
export function markSlideWords(slide: ImportedSlide): void {
  const shown = normalise(slideText(slide));
  const own = slidePhrases(slide);
  for (const block of slide.blocks) {
    if (block.kind !== 'speaking') continue;
    const candidates = (block.emphasis?.length ? block.emphasis : own).filter((p) => {
      const n = normalise(p);
      return n.length > 2 && shown.includes(n);
    });
    markBlock(block, candidates);
  }
}

/** Bullet texts of two to eight words: short enough to recur word for word in the speaking points. */
function slidePhrases(slide: ImportedSlide): string[] {
  return slide.content
    .flatMap((c) => (c.type === 'bullets' ? c.items.map((i) => i.text) : []))
    .map((t) => t.replace(/[.:;]$/, ''))
    .filter((t) => {
      const words = t.split(/\s+/).length;
      return words >= 2 && words <= 8;
    });
}

function markBlock(block: ImportedBlock, phrases: string[]): void {
  const pending = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  block.parts = block.parts.map((part) => {
    let text = part;
    for (const phrase of [...pending]) {
      const pattern = new RegExp(
        `(?<![\\p{L}=])(${escapeRegExp(phrase).replace(/\s+/g, '\\s+')})(?![\\p{L}=])`,
        'iu',
      );
      const match = pattern.exec(text);
      if (!match || insideMark(text, match.index)) continue;
      text = `${text.slice(0, match.index)}==${match[1]}==${text.slice(match.index + (match[1]?.length ?? 0))}`;
      pending.splice(pending.indexOf(phrase), 1);
    }
    // Runs split by a line break come back as one highlight.
    return text.replace(/==(\s+)==/g, '$1');
  });
}

function insideMark(text: string, index: number): boolean {
  return (text.slice(0, index).match(/==/g)?.length ?? 0) % 2 === 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
