/**
 * Rewrites the placeholders of the package pptxgenjs wrote, so that the deck restyles with a theme.
 *
 * pptxgenjs 4.0.1 puts text into a placeholder but formats it as if it were a free text box:
 * - every paragraph gets explicit bullet properties (`marL`, `indent`, `<a:buChar>`, or `<a:buNone>`),
 *   so nothing is inherited from the layout;
 * - a layout placeholder's list style holds only the first level, and that one without bullets;
 * - runs get an explicit black colour, and the placeholder's options (e.g. its font size) are copied
 *   onto every run;
 * - a paragraph of several runs (bold word, link) gets a second `<a:pPr>` after its first run, which
 *   the schema forbids;
 * - placeholders get non-standard indexes (idx 100, 101) and an explicit position on each slide;
 * - speaker notes are one paragraph with line breaks inside one text run.
 *
 * So pptxgenjs builds the package and the shapes, and this step, for each title and body placeholder:
 * gives the layouts a layout type and full list styles (sizes, bullets per level, alignment, shrink on
 * overflow); gives the slides standard placeholder references (`<p:ph type="title"/>`,
 * `<p:ph type="body" idx="1"/>`) without position or style overrides and writes their paragraphs as
 * `<a:pPr lvl="n"/>` + formatted runs; and writes the notes one paragraph per line.
 */
import JSZip from 'jszip';
import type { LayoutSpec, Paragraph } from './layouts.ts';

export interface SlidePlan {
  title: string;
  /** Body placeholder paragraphs (empty when the slide has no body placeholder). */
  paragraphs: Paragraph[];
  /** Shrink-on-overflow scale of the body text, 1 when it fits. */
  fontScale: number;
  notes: string;
}

export interface FixupInput {
  /** One plan per slide, in slide order. */
  plans: readonly SlidePlan[];
  layouts: readonly LayoutSpec[];
  /** BCP 47 tag of the text, e.g. en-US. */
  lang: string;
}

const EMU_PER_PT = 12700;
const REL_HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

export async function applyFixups(raw: Uint8Array, input: FixupInput): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(raw);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`PowerPoint export: ${path} missing from the package`);
    return file.async('string');
  };

  for (const path of Object.keys(zip.files).filter((p) =>
    /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(p),
  )) {
    const xml = await read(path);
    const name = /<p:cSld name="([^"]*)"/.exec(xml)?.[1];
    const spec = input.layouts.find((l) => l.name === name);
    if (spec) zip.file(path, fixLayout(xml, spec, input.lang));
  }

  await Promise.all(
    input.plans.map(async (plan, i) => {
      const n = i + 1;
      const links: string[] = [];
      const slidePath = `ppt/slides/slide${n}.xml`;
      zip.file(slidePath, fixSlide(await read(slidePath), plan, input.lang, links));
      if (links.length > 0) {
        const relsPath = `ppt/slides/_rels/slide${n}.xml.rels`;
        const rels = links
          .map(
            (url, k) =>
              `<Relationship Id="${linkId(k)}" Type="${REL_HYPERLINK}" Target="${escapeXml(url)}" TargetMode="External"/>`,
          )
          .join('');
        zip.file(relsPath, (await read(relsPath)).replace('</Relationships>', `${rels}</Relationships>`));
      }
      const notesPath = `ppt/notesSlides/notesSlide${n}.xml`;
      if (zip.file(notesPath)) zip.file(notesPath, fixNotes(await read(notesPath), plan.notes, input.lang));
    }),
  );

  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

// Layouts: standard placeholder references, and the text styles the slides inherit.

function fixLayout(xml: string, spec: LayoutSpec, lang: string): string {
  const typed = spec.type ? xml.replace(/<p:sldLayout\b/, `$& type="${spec.type}"`) : xml;
  return eachPlaceholder(typed, (type, sp) => {
    const style = type === 'title' ? titleStyle(spec) : bodyStyle(spec);
    if (!style) return sp;
    return sp.replace(
      /<p:txBody>[\s\S]*<\/p:txBody>/,
      () => `<p:txBody>${style}<a:p><a:endParaRPr lang="${lang}"/></a:p></p:txBody>`,
    );
  });
}

function titleStyle(spec: LayoutSpec): string {
  const t = spec.title;
  return (
    `<a:bodyPr anchor="${t.anchor}"><a:normAutofit/></a:bodyPr>` +
    `<a:lstStyle><a:lvl1pPr algn="${t.align}"><a:defRPr sz="${t.size * 100}"/></a:lvl1pPr></a:lstStyle>`
  );
}

function bodyStyle(spec: LayoutSpec): string | null {
  const body = spec.body;
  if (!body) return null;
  const levels = body.levels.map((l, i) => {
    const bullet = l.bullet
      ? `<a:buFont typeface="Arial"/><a:buChar char="${escapeXml(l.bullet)}"/>`
      : '<a:buNone/>';
    return (
      `<a:lvl${i + 1}pPr marL="${Math.round(l.marL * EMU_PER_PT)}" indent="${Math.round(l.indent * EMU_PER_PT)}" algn="${body.align}">` +
      `<a:spcBef><a:spcPts val="${Math.round(l.spaceBefore * 100)}"/></a:spcBef>${bullet}<a:defRPr sz="${l.size * 100}"/></a:lvl${i + 1}pPr>`
    );
  });
  return `<a:bodyPr><a:normAutofit/></a:bodyPr><a:lstStyle>${levels.join('')}</a:lstStyle>`;
}

// Slides: placeholders that follow their layout, holding only the text and its formatting.

function fixSlide(xml: string, plan: SlidePlan, lang: string, links: string[]): string {
  return eachPlaceholder(xml, (type, sp) => {
    const txBody =
      type === 'title'
        ? `<p:txBody><a:bodyPr/><a:lstStyle/><a:p>${runXml(plan.title, false, false, null, lang)}<a:endParaRPr lang="${lang}" dirty="0"/></a:p></p:txBody>`
        : bodyXml(plan, lang, links);
    return sp
      .replace(/<p:spPr>[\s\S]*?<\/p:spPr>/, '<p:spPr/>')
      .replace(/<p:txBody>[\s\S]*<\/p:txBody>/, () => txBody);
  });
}

function bodyXml(plan: SlidePlan, lang: string, links: string[]): string {
  // Explicit on the slide too: LibreOffice does not inherit shrink-on-overflow from the layout.
  const autofit =
    plan.fontScale < 1
      ? `<a:normAutofit fontScale="${Math.round(plan.fontScale * 100000)}"/>`
      : '<a:normAutofit/>';
  const paragraphs = plan.paragraphs.map((p) => {
    const pPr =
      p.level === null
        ? '<a:pPr marL="0" indent="0"><a:buNone/></a:pPr>'
        : p.level > 0
          ? `<a:pPr lvl="${Math.min(p.level, 8)}"/>`
          : '';
    const runs = p.runs.map((r) => {
      let rId: string | null = null;
      if (r.url) {
        links.push(r.url);
        rId = linkId(links.length - 1);
      }
      return runXml(r.text, r.bold, r.italic, rId, lang);
    });
    return `<a:p>${pPr}${runs.join('')}<a:endParaRPr lang="${lang}" dirty="0"/></a:p>`;
  });
  const body =
    paragraphs.length > 0 ? paragraphs.join('') : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`;
  return `<p:txBody><a:bodyPr>${autofit}</a:bodyPr><a:lstStyle/>${body}</p:txBody>`;
}

function runXml(text: string, bold: boolean, italic: boolean, rId: string | null, lang: string): string {
  const attrs = `lang="${lang}"${bold ? ' b="1"' : ''}${italic ? ' i="1"' : ''} dirty="0"`;
  const rPr = rId ? `<a:rPr ${attrs}><a:hlinkClick r:id="${rId}"/></a:rPr>` : `<a:rPr ${attrs}/>`;
  return `<a:r>${rPr}<a:t>${escapeXml(text)}</a:t></a:r>`;
}

function linkId(k: number): string {
  return `rIdLecternLink${k + 1}`;
}

// Notes: one paragraph per line.

function fixNotes(xml: string, notes: string, lang: string): string {
  const paragraphs = notes
    .split('\n')
    .map((line) =>
      line === ''
        ? `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`
        : `<a:p><a:r><a:rPr lang="${lang}" dirty="0"/><a:t>${escapeXml(line)}</a:t></a:r></a:p>`,
    )
    .join('');
  return xml.replace(
    /(<p:ph type="body" idx="1"\/><\/p:nvPr><\/p:nvSpPr><p:spPr\/>)<p:txBody>[\s\S]*?<\/p:txBody>/,
    (_, head: string) => `${head}<p:txBody><a:bodyPr/><a:lstStyle/>${paragraphs}</p:txBody>`,
  );
}

// Shared: find title and body placeholders, give them standard references and names.

function eachPlaceholder(xml: string, fix: (type: 'title' | 'body', sp: string) => string): string {
  return xml.replace(/<p:sp>[\s\S]*?<\/p:sp>/g, (sp) => {
    const type = /<p:ph\b[^>]*?\btype="(title|body)"/.exec(sp)?.[1] as 'title' | 'body' | undefined;
    if (!type) return sp;
    const standard = type === 'title' ? '<p:ph type="title"/>' : '<p:ph type="body" idx="1"/>';
    const named = sp
      .replace(/<p:ph\b[^>]*\/>/, standard)
      .replace(/(<p:cNvPr id="\d+" name=")[^"]*"/, `$1${type === 'title' ? 'Title' : 'Text Placeholder'}"`);
    return fix(type, named);
  });
}

function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 does not allow.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
