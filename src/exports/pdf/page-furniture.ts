/** The running header and footer: module title, series and edition, page numbers. */
import type { Doc } from './tagged-writer.ts';
import { COLORS, FONTS, MARGINS, PAGE, SIZES } from './theme.ts';
import { toWinAnsi } from './winansi.ts';

export interface Furniture {
  /** Left of the header, e.g. "Module 1: Overview of the Protection of Civilians (POC)". */
  header: string;
  /** Right of the header, e.g. "Preparatory Notes to Instructors". */
  headerRight: string;
  /** Left of the footer, e.g. "UN Protection of Civilians PDT Standards, 1st ed. (2011)". */
  footer: string;
  /** Right of the footer, given the 1-based page number and the page count. */
  pageLabel: (n: number, total: number) => string;
  /** Pages (0-based) that carry no header or footer, e.g. the title page. */
  skip?: (page: number) => boolean;
}

export function drawFurniture(furniture: Furniture): (doc: Doc, page: number, count: number) => void {
  return (doc, page, count) => {
    if (furniture.skip?.(page)) return;
    const left = MARGINS.left;
    const width = PAGE.width - MARGINS.left - MARGINS.right;
    const headerY = MARGINS.top - 30;
    const footerY = PAGE.height - MARGINS.bottom + 18;
    const label = toWinAnsi(furniture.pageLabel(page + 1, count));
    const header = toWinAnsi(furniture.header);
    const headerRight = toWinAnsi(furniture.headerRight);
    const footer = toWinAnsi(furniture.footer);
    doc.font(FONTS.regular).fontSize(SIZES.small).fillColor(COLORS.muted);
    const rightWidth = doc.widthOfString(headerRight);
    doc.text(header, left, headerY, { width: width - rightWidth - 12, lineBreak: false });
    doc.text(headerRight, left, headerY, { width, align: 'right', lineBreak: false });
    doc
      .moveTo(left, headerY + 13)
      .lineTo(left + width, headerY + 13)
      .lineWidth(0.5)
      .stroke(COLORS.rule);
    doc
      .moveTo(left, footerY - 6)
      .lineTo(left + width, footerY - 6)
      .lineWidth(0.5)
      .stroke(COLORS.rule);
    doc.font(FONTS.regular).fontSize(SIZES.small).fillColor(COLORS.muted);
    doc.text(footer, left, footerY, { width: width - 90, lineBreak: false });
    doc.text(label, left, footerY, { width, align: 'right', lineBreak: false });
  };
}
