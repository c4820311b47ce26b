/** Marks drawn as an artifact (outside any structure element), in their own graphics state: what tagged
 * PDFs draw for frames, rules, bars and running headers. The guides, handouts and certificates share it. */
export function drawArtifact(
  doc: PDFKit.PDFDocument,
  type: 'Layout' | 'Pagination',
  draw: (doc: PDFKit.PDFDocument) => void,
): void {
  doc.markContent('Artifact', { type });
  doc.save();
  draw(doc);
  doc.restore();
  doc.endMarkedContent();
}
