/** The text outline of a course: sections, slides, minutes, outcomes, activities, item bank. */
import { allSlides, type Course } from '../content/model.ts';
import { type Lang, t } from '../i18n/catalogue.ts';

export function formatOutline(course: Course, lang: Lang): string {
  const { meta } = course;
  const lines: string[] = [`Module ${meta.module}: ${meta.title}`, `${meta.series}, ${meta.edition}`, ''];
  lines.push(`${t(lang, 'outline.outcomes')}:`);
  for (const o of course.outcomes) lines.push(`  ${o.id}  ${o.text}`);
  lines.push('');
  for (const section of course.sections) {
    lines.push(`${section.number}. ${section.title}`);
    for (const a of section.activities)
      lines.push(`     ▸ ${t(lang, 'outline.activity')} ${a.id} (${a.type})`);
    for (const slide of section.slides) {
      const minutes = t(lang, 'outline.minutes', { n: slide.minutes });
      const outcomes = slide.outcomes.length ? `  [${slide.outcomes.join(' ')}]` : '';
      lines.push(`   ${String(slide.number).padStart(2)}  ${slide.title}  (${minutes})${outcomes}`);
      for (const a of slide.activities) {
        lines.push(`       ▸ ${t(lang, 'outline.activity')} ${a.id} (${a.type})`);
      }
    }
  }
  const slideMinutes = allSlides(course).reduce((sum, s) => sum + s.minutes, 0);
  lines.push('');
  lines.push(
    t(lang, 'outline.total', {
      slides: slideMinutes,
      lecture: meta.duration.lecture,
      discussion: meta.duration.discussion,
    }),
  );
  lines.push(t(lang, 'outline.items', { n: course.items.length }));
  for (const o of course.outcomes) {
    const n = course.items.filter((i) => i.outcomes.includes(o.id)).length;
    lines.push(`  ${t(lang, 'outline.itemsPerOutcome', { id: o.id, n })}`);
  }
  return lines.join('\n');
}
