import { listMarker } from './block-vocabulary.ts';
import { joinLines } from './join-lines.ts';
import type { LayoutLine } from './layout-line.ts';

/**
 * Lines as an introduction followed by list items: a bullet or number starts an item, and the lines
 * after it continue it (extraction breaks an item wherever the page layout wrapped it). `startsItem`
 * lets a caller treat other lines as item starts too, e.g. "Part 1:" in a methodology.
 */
export interface ListedLines {
  intro: string;
  items: string[];
  /** The first line of each item, for the report. */
  itemLines: LayoutLine[];
}

export function listItems(
  lines: LayoutLine[],
  startsItem: (line: LayoutLine) => boolean = () => false,
): ListedLines {
  const intro: LayoutLine[] = [];
  const items: { first: LayoutLine; texts: string[] }[] = [];
  for (const line of lines) {
    const marker = listMarker(line.text);
    if (marker) items.push({ first: line, texts: [marker.rest] });
    else if (startsItem(line)) items.push({ first: line, texts: [line.text] });
    else if (items.length > 0) items[items.length - 1]?.texts.push(line.text);
    else intro.push(line);
  }
  return {
    intro: joinLines(intro.map((l) => l.text)),
    items: items.map((i) => joinLines(i.texts)),
    itemLines: items.map((i) => i.first),
  };
}
