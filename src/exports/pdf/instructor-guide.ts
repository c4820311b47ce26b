/**
 * The instructor guide: the course laid out like the source's "Preparatory Notes to Instructors".
 * Title page; the module's metadata (aim, audience, outcomes, sequence, duration, methodology,
 * profile, preparations, resources, materials referenced); the symbols legend; then the session
 * notes: per section, each slide's projected content in a box followed by its notes, labelled by
 * kind. A tagged PDF (PDF 1.7) with real text in the standard Helvetica fonts.
 */
import type { Course } from '../../content/model.ts';
import { allActivities, allBlocks, allSlides, BLOCK_KINDS } from '../../content/model.ts';
import { fill, kindExplanation, kindName, type PdfLabels, pdfLabels } from './labels.ts';
import { drawActivity, drawBlock, type NotesContext } from './note-blocks.ts';
import { drawFurniture } from './page-furniture.ts';
import { linkedText, referenceItems } from './references.ts';
import { plain, type RichBlock } from './rich-text.ts';
import { drawSlideBox } from './slide-box.ts';
import { drawTable } from './table.ts';
import { BODY, TaggedWriter, type TextStyle } from './tagged-writer.ts';
import { COLORS, GAP, KIND_COLORS, PAGE, SIZES } from './theme.ts';

export interface InstructorGuideOptions {
  /** A mission pack whose points are printed at their slides (e.g. "carana"); none by default. */
  mission?: string | null;
}

const H1: TextStyle = { size: SIZES.h1, color: COLORS.heading, bold: true, lineGap: 2, gap: 10 };
const H2: TextStyle = { size: SIZES.h2, color: COLORS.heading, bold: true, gap: 6 };
const H3: TextStyle = { size: SIZES.h3, color: COLORS.heading, bold: true, gap: 5 };
const SUBTITLE: TextStyle = { size: 16, color: COLORS.text, gap: 24 };
const SERIES: TextStyle = { size: 11, color: COLORS.muted, gap: 4 };

export async function exportInstructorGuide(
  course: Course,
  options: InstructorGuideOptions = {},
): Promise<Uint8Array> {
  const { meta } = course;
  const labels = pdfLabels(meta.language);
  const moduleTitle = `${fill(labels.module, { n: meta.module })}: ${meta.title}`;
  const subtitle = meta.subtitle ?? labels.instructorNotes;
  const w = new TaggedWriter({
    title: `${moduleTitle} – ${subtitle}`,
    subject: subtitle,
    author: `${meta.series}, ${meta.edition}`,
    keywords: `${meta.id}, ${meta.series}`,
    lang: meta.language,
    targets: targetIds(course),
  });

  titlePage(w, course, labels, moduleTitle, subtitle);
  w.newPage();
  metadataPages(w, course, labels);
  w.newPage();
  legendPage(w, course, labels);
  w.newPage();
  sessionNotes(w, course, labels, options.mission ?? null);

  return w.finish(
    drawFurniture({
      header: moduleTitle,
      headerRight: subtitle,
      footer: `${meta.series}, ${meta.edition}`,
      pageLabel: (n, total) => fill(labels.page, { n, total }),
      skip: (page) => page === 0,
    }),
  );
}

function targetIds(course: Course): Set<string> {
  const ids = new Set<string>();
  for (const s of course.sections) ids.add(s.id);
  for (const s of allSlides(course)) ids.add(s.id);
  for (const b of allBlocks(course)) if (b.id) ids.add(b.id);
  for (const a of allActivities(course)) ids.add(a.id);
  return ids;
}

function titlePage(
  w: TaggedWriter,
  course: Course,
  labels: PdfLabels,
  moduleTitle: string,
  subtitle: string,
) {
  const { meta } = course;
  w.y = PAGE.height * 0.28;
  const x = w.x;
  w.artifact((doc) => doc.rect(x, w.y - 24, 60, 5).fill(COLORS.slideBorder));
  w.group('Sect', () => {
    w.heading(1, moduleTitle, H1);
    w.paragraph(plain(subtitle), SUBTITLE);
    w.paragraph(plain(meta.series), SERIES);
    w.paragraph(plain(meta.edition), SERIES);
  });
  // The session's sections, linked to their notes.
  w.y = Math.max(w.y + 36, PAGE.height * 0.55);
  section(w, labels.contents, () => {
    w.list(
      course.sections.map((s) => [{ type: 'paragraph', runs: [{ text: s.title, goTo: s.id }] }]),
      { labels: course.sections.map((s) => `${s.number}.`) },
    );
  });
}

function section(w: TaggedWriter, title: string, body: () => void, level: 2 | 3 = 2): void {
  w.group('Sect', () => {
    w.heading(level, title.toLocaleUpperCase(w.lang), level === 2 ? H2 : H3, {
      outline: level - 1,
      before: level === 2 ? 10 : 4,
    });
    body();
  });
}

function items(texts: string[]): RichBlock[][] {
  return texts.map((text) => [{ type: 'paragraph', runs: plain(text) }]);
}

function metadataPages(w: TaggedWriter, course: Course, labels: PdfLabels): void {
  const { meta } = course;
  section(w, labels.aim, () => {
    w.paragraph(plain(meta.aim.intro));
    w.list(items(meta.aim.points));
  });
  section(w, labels.audience, () => {
    w.paragraph(plain(meta.audience.text));
    w.paragraph(plain(meta.audience.profileIntro), { ...BODY, bold: true });
    w.list(
      meta.audience.profile.map((p) => [
        {
          type: 'paragraph',
          runs: [{ text: `${labels.components[p.component]} \u2013 `, bold: true }, { text: p.text }],
        },
      ]),
    );
  });
  section(w, labels.learningOutcomes, () => {
    w.paragraph(plain(meta.outcomes.intro));
    w.list(items(meta.outcomes.list.map((o) => o.text)), { ordered: true });
  });
  section(w, labels.trainingSequence, () => w.paragraph(plain(meta.trainingSequence)));
  section(w, labels.duration, () => {
    drawTable(w, {
      header: [
        plain(fill(labels.module, { n: meta.module })),
        plain(labels.lecture),
        plain(labels.discussion),
      ],
      rows: [
        {
          head: plain(labels.timing),
          cells: [
            { runs: plain(fill(labels.minutes, { n: meta.duration.lecture })) },
            { runs: plain(fill(labels.minutes, { n: meta.duration.discussion })) },
          ],
        },
      ],
      widths: [1, 1.4, 1.8],
      style: { ...BODY, gap: GAP * 1.5 },
    });
  });
  section(w, labels.methodology, () => {
    w.list(items(meta.methodology.points));
    for (const part of meta.methodology.parts) w.paragraph(plain(part), { ...BODY, gap: 2 });
    w.y += GAP;
  });
  section(w, labels.instructorProfile, () => w.paragraph(plain(meta.instructorProfile)));
  section(w, labels.instructorPreparations, () => {
    section(
      w,
      labels.requiredReadings,
      () => w.list(referenceItems(meta.instructorPreparations.requiredReadings, labels)),
      3,
    );
    section(w, labels.equipment, () => w.list(referenceItems(meta.equipment, labels)), 3);
    section(w, labels.materials, () => w.list(referenceItems(meta.materials, labels)), 3);
  });
  section(w, labels.participantPreparations, () => {
    w.paragraph(plain(meta.participantPreparations.intro));
    w.list(referenceItems(meta.participantPreparations.items, labels));
  });
  section(w, labels.additionalResources, () => {
    const resources = meta.additionalResources;
    w.paragraph(linkedText(resources.intro, resources.url));
    w.list(items(resources.resolutions.map((r) => `${r.title}, (${r.symbol}), ${r.year}`)));
  });
  section(w, labels.materialsReferenced, () => w.list(referenceItems(meta.materialsReferenced, labels)));
}

function legendPage(w: TaggedWriter, course: Course, labels: PdfLabels): void {
  section(w, labels.symbolsLegend, () => {
    w.group('L', () => {
      for (const kind of BLOCK_KINDS) {
        const name = kindName(course.meta.legend, kind, labels);
        const explanation = kindExplanation(course.meta.legend, kind);
        w.group('LI', () => {
          w.ensureSpace(3 * w.lineHeight(BODY));
          const from = w.here();
          w.group('LBody', () => {
            w.indented(18, () => {
              w.paragraph(
                [{ text: name, bold: true }, ...(explanation ? [{ text: ` (${explanation})` }] : [])],
                { ...BODY, gap: GAP + 4 },
              );
            });
          });
          w.bar(w.x + 2, KIND_COLORS[kind], from, { page: w.page, y: w.y - GAP - 4 }, 8);
        });
      }
    });
  });
}

function sessionNotes(w: TaggedWriter, course: Course, labels: PdfLabels, missionId: string | null): void {
  const mission = course.missions.find((m) => m.id === missionId);
  const ctx: NotesContext = {
    course,
    labels,
    projectedCharts: new Set(allSlides(course).flatMap((s) => (s.chartId ? [s.chartId] : []))),
  };
  section(w, labels.sessionNotes, () => {
    for (const sec of course.sections) {
      w.group('Sect', () => {
        w.heading(3, `${sec.number}. ${sec.title}`.toLocaleUpperCase(w.lang), H3, {
          dest: sec.id,
          outline: 2,
          keepWith: 120,
          before: 10,
        });
        for (const block of sec.blocks) drawBlock(w, block, ctx);
        for (const activity of sec.activities) drawActivity(w, activity, ctx);
        for (const slide of sec.slides) {
          w.group('Sect', () => {
            drawSlideBox(w, course, slide, labels);
            for (const block of slide.blocks) drawBlock(w, block, ctx);
            for (const point of mission?.points.filter((p) => p.slideId === slide.id) ?? []) {
              drawBlock(w, point.block, ctx, mission?.name);
            }
            for (const activity of slide.activities) drawActivity(w, activity, ctx);
          });
        }
      });
    }
  });
}
