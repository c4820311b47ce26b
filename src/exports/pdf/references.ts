/**
 * Metadata references as list items: title, note and URL. A URL marked dead stays visible as a
 * citation, printed as plain text with "(link no longer available)", and is never made a link.
 */
import type { Reference } from '../../content/schemas.ts';
import type { PdfLabels } from './labels.ts';
import type { RichBlock, Run } from './rich-text.ts';

export function referenceRuns(ref: Reference, labels: PdfLabels): Run[] {
  const runs: Run[] = [{ text: ref.title }];
  if (ref.note) runs.push({ text: ` ${ref.note}` });
  if (ref.url) {
    runs.push({ text: ' ' });
    if (ref.urlStatus === 'dead') runs.push({ text: `${ref.url} ${labels.linkGone}` });
    else runs.push({ text: ref.url, link: ref.url });
  }
  return runs;
}

/** One list item (its blocks) per reference, nested references as a nested list. */
export function referenceItems(refs: Reference[], labels: PdfLabels): RichBlock[][] {
  return refs.map((ref) => {
    const blocks: RichBlock[] = [{ type: 'paragraph', runs: referenceRuns(ref, labels) }];
    if (ref.items && ref.items.length > 0) {
      blocks.push({
        type: 'list',
        ordered: false,
        start: 1,
        items: referenceItems(ref.items, labels).map((b) => ({ blocks: b })),
      });
    }
    return blocks;
  });
}

/** Text with every occurrence of `url` turned into a link run. */
export function linkedText(text: string, url: string | undefined): Run[] {
  if (!url || !text.includes(url)) return [{ text }];
  const runs: Run[] = [];
  text.split(url).forEach((part, i) => {
    if (i > 0) runs.push({ text: url, link: url });
    if (part) runs.push({ text: part });
  });
  return runs;
}
