/**
 * Slide words in the speaking points: a PDF keeps the source's bold blue highlight and the import marks
 * exactly those words `==…==`, as long as the slide shows them; text has lost the highlight and the
 * slide's own phrases are found instead. Either way the checker finds no marked words off the slide.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importDocument } from '../../src/import/import-document.ts';
import { BODY_X, drawPdf, ICON_INDENT } from './pdf-fixture.ts';

const BLUE = '#1f4e9c';

/** A one-slide module: the slide's text, its marker, and speaking points with bold blue phrases. */
function moduleWithHighlights(): Promise<Uint8Array> {
  return drawPdf(
    (doc) => {
      let y = 72;
      const line = (text: string, font = 'Helvetica', size = 11, x = BODY_X) => {
        doc.font(font).fontSize(size).fillColor('#000000').text(text, x, y, { lineBreak: false });
        y += size * 1.6;
      };
      line('MODULE 9: PROTECTION BY PRESENCE', 'Helvetica-Bold');
      line('AIM', 'Helvetica-Bold');
      line('To familiarize peacekeeping personnel with:');
      line('• The ways presence protects civilians.');
      line('Session Notes', 'Helvetica-Bold');
      line('1. PRESENCE', 'Helvetica-Bold');
      y += 12;
      line('Three Approaches', 'Times-Roman', 10);
      y += 8;
      line('Physical protection from harm', 'Times-Roman', 10);
      y += 8;
      line('Slide 1');
      y += 12;
      // Speaking points: black text with two bold blue runs, one of them not on the slide.
      doc.font('Helvetica').fontSize(11).fillColor('#000000');
      doc.text('Peacekeepers provide ', BODY_X + ICON_INDENT, y, { continued: true, width: 420 });
      doc.font('Helvetica-Bold').fillColor(BLUE).text('physical protection from harm', { continued: true });
      doc.font('Helvetica').fillColor('#000000').text(' to civilians under ', { continued: true });
      doc.font('Helvetica-Bold').fillColor(BLUE).text('imminent threat', { continued: true });
      doc.font('Helvetica').fillColor('#000000').text(', within their capabilities.', { continued: false });
    },
    { margin: 0 },
  );
}

describe('slide words in speaking points', () => {
  it('marks the bold blue words a PDF highlights, only where the slide shows them', async () => {
    const result = await importDocument('presence.pdf', await moduleWithHighlights());
    const section = result.files.find((f) => f.path.startsWith('sections/'));
    assert.ok(section, result.files.map((f) => f.path).join(', '));
    assert.match(
      section.text,
      /:::speaking\nPeacekeepers provide ==physical protection from harm== to civilians under imminent threat/,
    );
    assert.deepEqual(
      result.problems.filter((p) => p.code === 'SLIDE_WORDS_NOT_ON_SLIDE'),
      [],
      '"imminent threat" is not on the slide and stays unmarked',
    );
  });

  it('finds the slide’s own phrases in text that lost the highlight', async () => {
    const source = readFileSync(
      join(import.meta.dirname, '..', '..', 'courses', 'poc-module-1', 'source.txt'),
    );
    const result = await importDocument('source.txt', source);
    const section = result.files.find((f) => f.path.includes('05-who-provides'));
    assert.match(
      section?.text ?? '',
      /^==The Host State Government== always has the primary responsibility/m,
    );
    assert.equal(result.problems.filter((p) => p.code === 'SLIDE_WORDS_NOT_ON_SLIDE').length, 0);
  });
});
