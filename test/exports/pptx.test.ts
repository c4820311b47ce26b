/**
 * The PowerPoint export of Module 1, read back as an instructor's tools would: the package XML
 * (jszip + fast-xml-parser) and LibreOffice's rendering of it (soffice → PDF → pdftotext).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import type { Course } from '../../src/content/model.ts';
import { parseCourse } from '../../src/content/parse-course.ts';
import { exportPptx, pptxFrames } from '../../src/exports/pptx/export-pptx.ts';
import { inlineToRuns, markdownToPlainText } from '../../src/exports/pptx/plain-text.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import { buildPresenterDeck } from '../../src/live/deck.ts';
import { tinyCourse } from '../fixtures/minimal-course.ts';

const run = promisify(execFile);

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked by element name
type Xml = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: false,
  isArray: (name) =>
    ['p:sp', 'p:graphicFrame', 'a:p', 'a:r', 'a:tr', 'a:tc', 'a:gridCol', 'Relationship'].includes(name),
});

let course: Course;
let dir: string;
let pptxPath: string;
let zip: JSZip;

async function xml(path: string): Promise<Xml> {
  const file = zip.file(path);
  assert.ok(file, `${path} is in the package`);
  return parser.parse(await file.async('string'));
}

async function slide(n: number): Promise<Xml> {
  return (await xml(`ppt/slides/slide${n}.xml`))['p:sld']['p:cSld']['p:spTree'];
}

function placeholder(tree: Xml, type: 'title' | 'body'): Xml {
  const sp = (tree['p:sp'] ?? []).find((s: Xml) => s['p:nvSpPr']['p:nvPr']['p:ph']?.['@_type'] === type);
  assert.ok(sp, `a ${type} placeholder`);
  return sp;
}

function paragraphTexts(txBody: Xml): string[] {
  return (txBody['a:p'] ?? []).map((p: Xml) =>
    (p['a:r'] ?? []).map((r: Xml) => String(r['a:t'] ?? '')).join(''),
  );
}

/** The notes slide of a slide, found through the slide's relationships. */
async function notesText(n: number): Promise<string> {
  const rels = (await xml(`ppt/slides/_rels/slide${n}.xml.rels`)).Relationships.Relationship as Xml[];
  const rel = rels.find((r) => String(r['@_Type']).endsWith('/notesSlide'));
  assert.ok(rel, `slide ${n} has a notes slide`);
  const path = `ppt/slides/${rel['@_Target']}`.replace(/[^/]+\/\.\.\//, '');
  assert.match(path, /^ppt\/notesSlides\/notesSlide\d+\.xml$/);
  const tree = (await xml(path))['p:notes']['p:cSld']['p:spTree'];
  return paragraphTexts(placeholder(tree, 'body')['p:txBody']).join('\n');
}

before(async () => {
  const loaded = await loadCourse('courses/poc-module-1');
  assert.deepEqual(loaded.problems, []);
  assert.ok(loaded.course);
  course = loaded.course;
  dir = await mkdtemp(join(tmpdir(), 'lectern-pptx-'));
  pptxPath = join(dir, 'poc-module-1.pptx');
  await writeFile(pptxPath, await exportPptx(course));
  zip = await JSZip.loadAsync(await readFile(pptxPath));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('PowerPoint export of Module 1: the package', () => {
  it('has 16 slides: the 15 course slides and the key-message summary, in deck order', async () => {
    const slides = Object.keys(zip.files).filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p));
    assert.equal(slides.length, 16);
    const deck = buildPresenterDeck(course);
    assert.deepEqual(
      pptxFrames(course).map((f) => f.id),
      deck.frames.map((f) => f.id),
    );
    for (const [i, frame] of deck.frames.entries()) {
      const title = paragraphTexts(placeholder(await slide(i + 1), 'title')['p:txBody']).join('');
      assert.equal(title, frame.title, `slide ${i + 1}`);
    }
  });

  it('puts slide 1’s title in a real title placeholder', async () => {
    const raw = await zip.file('ppt/slides/slide1.xml')?.async('string');
    assert.match(raw ?? '', /<p:ph type="title"\/>/);
    const title = placeholder(await slide(1), 'title');
    assert.deepEqual(paragraphTexts(title['p:txBody']), ['Overview of Protection of Civilians']);
  });

  it('puts slide 4’s bullets in a body placeholder, one paragraph each, styled by the layout', async () => {
    const body = placeholder(await slide(4), 'body');
    assert.ok(body['p:nvSpPr']['p:nvPr']['p:ph']['@_idx'], 'the body placeholder has an index');
    const paragraphs = body['p:txBody']['a:p'] as Xml[];
    assert.deepEqual(paragraphTexts(body['p:txBody']), ['Opportunistic violence', 'Strategic violence']);
    for (const p of paragraphs) {
      // A bullet of the layout's list: no bullet switched off, no size or colour of its own.
      assert.equal(p['a:pPr']?.['a:buNone'], undefined);
      assert.equal(p['a:r'][0]['a:rPr']['@_sz'], undefined);
      assert.equal(p['a:r'][0]['a:rPr']['a:solidFill'], undefined);
    }
  });

  it('keeps the indent level of nested key points and shows a quote as a plain paragraph', async () => {
    const summary = placeholder(await slide(16), 'body')['p:txBody']['a:p'] as Xml[];
    const levels = summary.map((p) => Number(p['a:pPr']?.['@_lvl'] ?? 0));
    assert.deepEqual(levels, [0, 0, 0, 1, 1, 0, 0, 0, 0]);
    const quote = (placeholder(await slide(8), 'body')['p:txBody']['a:p'] as Xml[])[0];
    assert.ok(quote['a:pPr']['a:buNone'] !== undefined, 'the quote is not a bullet');
    assert.equal(quote['a:r'][0]['a:rPr']['@_i'], '1');
  });

  it('projects Chart 1.1 on slide 10 as a real table: a column per category', async () => {
    const frames = (await slide(10))['p:graphicFrame'] as Xml[];
    const tbl = frames?.[0]?.['a:graphic']['a:graphicData']['a:tbl'];
    assert.ok(tbl, 'slide 10 has an a:tbl');
    assert.equal(tbl['a:tblGrid']['a:gridCol'].length, 4);
    const [header, items] = tbl['a:tr'] as Xml[];
    const cells = (row: Xml) => row['a:tc'].map((tc: Xml) => paragraphTexts(tc['a:txBody']));
    assert.deepEqual(
      cells(header).map((c: string[]) => c.join(' ')),
      ['Threats to life', 'Threats to physical integrity', 'Threats to freedom', 'Threats to property'],
    );
    assert.deepEqual(cells(items)[3], ['Looting', 'Theft, extortion (for example, illegal taxation)']);
  });

  it('writes the notes of slide 15 with the sample question and its expected answer', async () => {
    const notes = await notesText(15);
    assert.match(notes, /^Speaking Points:$/m);
    assert.match(notes, /^Sample questions:$/m);
    assert.match(notes, /What are the consequences to the mission/);
    assert.match(notes, /Answer: Loss of legitimacy/);
  });

  it('writes slide 6’s speaking points as plain text, with the Lectern addition cited', async () => {
    const notes = await notesText(6);
    assert.match(
      notes,
      /Speaking Points:\nUN Multidimensional peacekeeping operations incorporate ALL THREE/,
    );
    assert.match(notes, /• Rights based approach: This is a broad interpretation/);
    assert.doesNotMatch(notes, /\*\*|==|\]\(/);
    assert.match(notes, /Note to the Instructor:\n/);
    assert.match(
      notes,
      /Note to the Instructor \(Lectern addition — DPO Policy on the Protection of Civilians/,
    );
  });

  it('adds a mission pack’s points to the notes when asked', async () => {
    const withMission = await JSZip.loadAsync(await exportPptx(course, { missionId: 'carana' }));
    const notes = await withMission.file('ppt/notesSlides/notesSlide4.xml')?.async('string');
    assert.match(notes ?? '', /Mission Specific \(Lectern addition — Instructor preparations/);
    assert.match(notes ?? '', /Carana Country Study Overview/);
  });

  it('is 16:9 (13.333 × 7.5 in) and carries the document properties', async () => {
    const size = (await xml('ppt/presentation.xml'))['p:presentation']['p:sldSz'];
    assert.equal(size['@_cx'], '12192000');
    assert.equal(size['@_cy'], '6858000');
    const core = (await xml('docProps/core.xml'))['cp:coreProperties'];
    assert.equal(core['dc:title'], 'Overview of the Protection of Civilians (POC)');
    assert.equal(core['dc:creator'], 'Lectern');
    assert.match(core['dc:subject'], /Module 1/);
    const app = (await xml('docProps/app.xml')).Properties;
    assert.equal(app.Company, 'UN Protection of Civilians PDT Standards');
  });
});

describe('PowerPoint export: text', () => {
  it('keeps inline formatting, web links and a slide’s own table', async () => {
    const section = `---
id: intro
number: 1
title: Introduction
---

:::slide{#slide-1 minutes=5 outcomes="LO1 LO2"}
# Mandates
- A **bold** claim, see [the resolution](https://undocs.org/S/RES/1674)
| Resolution | Year |
| --- | --- |
| S/RES/1674 | 2006 |
:::

:::note{audience="police"}
For police only.
:::
`;
    const parsed = parseCourse(tinyCourse({ 'sections/01-intro.md': section }));
    assert.ok(parsed.course);
    const tiny = await JSZip.loadAsync(await exportPptx(parsed.course));
    const tree = parser.parse((await tiny.file('ppt/slides/slide1.xml')?.async('string')) ?? '')['p:sld'][
      'p:cSld'
    ]['p:spTree'];
    const [bullet] = placeholder(tree, 'body')['p:txBody']['a:p'] as Xml[];
    assert.equal(bullet['a:pPr'], undefined, 'one paragraph properties element at most');
    const runs = bullet['a:r'] as Xml[];
    assert.deepEqual(
      runs.map((r) => r['a:t']),
      ['A ', 'bold', ' claim, see ', 'the resolution'],
    );
    assert.equal(runs[1]['a:rPr']['@_b'], '1');
    const rId = runs[3]['a:rPr']['a:hlinkClick']['@_r:id'];
    const rels = parser.parse((await tiny.file('ppt/slides/_rels/slide1.xml.rels')?.async('string')) ?? '');
    const link = (rels.Relationships.Relationship as Xml[]).find((r) => r['@_Id'] === rId);
    assert.equal(link?.['@_Target'], 'https://undocs.org/S/RES/1674');
    assert.equal(link?.['@_TargetMode'], 'External');
    const tbl = tree['p:graphicFrame'][0]['a:graphic']['a:graphicData']['a:tbl'];
    assert.deepEqual(
      (tbl['a:tr'] as Xml[]).map((tr) =>
        tr['a:tc'].map((tc: Xml) => paragraphTexts(tc['a:txBody']).join('')),
      ),
      [
        ['Resolution', 'Year'],
        ['S/RES/1674', '2006'],
      ],
    );
    const notes = (await tiny.file('ppt/notesSlides/notesSlide1.xml')?.async('string')) ?? '';
    assert.match(notes, /Note to the Instructor \[police\]:/);
  });

  it('strips Markdown markers and link syntax from notes, keeping list markers', () => {
    assert.equal(
      markdownToPlainText(
        'Read **this** and ==that==, see [the chart](#chart-1-1).\n\n- one\n  - two\n1. first',
      ),
      'Read this and that, see the chart.\n• one\n  – two\n1. first',
    );
  });

  it('keeps bold, italic and web links on slide text as runs', () => {
    assert.deepEqual(inlineToRuns('a **b** *c* [d](https://un.org)'), [
      { text: 'a ', bold: false, italic: false },
      { text: 'b', bold: true, italic: false },
      { text: ' ', bold: false, italic: false },
      { text: 'c', bold: false, italic: true },
      { text: ' ', bold: false, italic: false },
      { text: 'd', bold: false, italic: false, url: 'https://un.org' },
    ]);
  });
});

function findSoffice(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const d of dirs) {
    for (const name of ['soffice', 'libreoffice']) {
      if (d && existsSync(join(d, name))) return join(d, name);
    }
  }
  return null;
}

const soffice = findSoffice();

describe('PowerPoint export of Module 1: rendered by LibreOffice', () => {
  it('renders 16 pages, page 10 holding Chart 1.1', { timeout: 150_000 }, async () => {
    assert.ok(soffice, 'LibreOffice (soffice) is missing: run npm test, which installs it');
    const profile = await mkdtemp(join(tmpdir(), 'lo-'));
    try {
      await run(
        soffice ?? 'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          pptxPath,
        ],
        { timeout: 120_000 },
      );
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
    const { stdout } = await run('pdftotext', [join(dir, 'poc-module-1.pdf'), '-'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    // pdftotext ends every page with a form feed; a table cell's text may wrap over lines.
    const pages = stdout
      .split('\f')
      .slice(0, -1)
      .map((page) => page.replace(/\s+/g, ' '));
    assert.equal(pages.length, 16);
    assert.match(pages[0] ?? '', /Overview of Protection of Civilians/);
    assert.match(pages[9] ?? '', /Threats to property/);
    assert.match(pages[9] ?? '', /Looting/);
    assert.match(pages[15] ?? '', /Summary of key messages/);
  });
});
