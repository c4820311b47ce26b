import type { Problem } from '../content/problem.ts';
import { type Lang, t, tMaybe } from '../i18n/catalogue.ts';
import type { ImportResult } from './import-document.ts';

/** Below this confidence a guess is listed among those to review first. */
export const REVIEW_FIRST = 0.6;

/** `import-report.md`: what the importer found and every place it guessed, lowest confidence first. */
export function importReport(result: ImportResult, source: string, lang: Lang): string {
  const { course } = result;
  const slides = course.sections.flatMap((s) => s.slides);
  const blocks = course.sections.flatMap((s) => [...s.blocks, ...s.slides.flatMap((sl) => sl.blocks)]);
  const errors = result.problems.filter((p: Problem) => p.severity === 'error').length;
  const lines = [
    `# ${t(lang, 'import.report.title', { source })}`,
    '',
    t(lang, 'import.report.intro', {
      source,
      pages: result.pages,
      sections: course.sections.length,
      slides: slides.length,
      blocks: blocks.length,
      guesses: course.guesses.length,
    }),
    '',
    t(lang, 'import.report.check', { errors, warnings: result.problems.length - errors }),
    '',
  ];
  if (result.furniture.length > 0) {
    lines.push(
      `## ${t(lang, 'import.report.furniture')}`,
      '',
      ...result.furniture.map((f) => `- ${cell(f)}`),
      '',
    );
  }
  lines.push(`## ${t(lang, 'import.report.guesses')}`, '');
  if (course.guesses.length === 0) lines.push(t(lang, 'import.report.none'));
  else {
    lines.push(t(lang, 'import.report.columns'), '| ---: | --- | --- |');
    const sorted = [...course.guesses].sort(
      (a, b) => a.confidence - b.confidence || a.at.page - b.at.page || a.at.line - b.at.line,
    );
    for (const guess of sorted) {
      const params = { ...guess.params };
      if (typeof params.reason === 'string')
        params.reason = tMaybe(lang, `reason.${params.reason}`) ?? params.reason;
      const what = tMaybe(lang, guess.key, params) ?? guess.key;
      const where = t(lang, 'import.report.place', { page: guess.at.page, line: guess.at.line });
      lines.push(`| ${guess.confidence.toFixed(2)} | ${where} | ${cell(what)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Text from the document goes into a Markdown table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/\s+/g, ' ');
}
