/** The bytes a pdfkit document writes, once it ends. Listen before `doc.end()`. Shared by the PDF exports
 * and the certificates. */
export function collectBytes(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      const length = chunks.reduce((n, c) => n + c.byteLength, 0);
      const out = new Uint8Array(length);
      let offset = 0;
      for (const c of chunks) {
        out.set(c, offset);
        offset += c.byteLength;
      }
      resolve(out);
    });
  });
}
