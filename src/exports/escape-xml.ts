/** Text or an attribute value for XML (and HTML): the five markup characters as entities. Shared by the
 * LMS manifests and the Moodle XML bank, which had each written it. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
