/**
 * The cmi5 course package of the self-paced module (cmi5 §13–14): `cmi5.xml` at the zip root (course,
 * the learning outcomes as objectives, one AU launched from `index.html` in any window, moveOn
 * CompletedAndPassed at the pass mark as masteryScore), and the player with the cmi5 tracker.
 * Course, objective and AU ids are IRIs under the configurable base.
 */
import type { Course } from '../../content/model.ts';
import { escapeXml } from '../escape-xml.ts';
import { type LmsExportOptions, playerFiles, zipFiles } from '../scorm/lms-package.ts';
import { decimal } from '../scorm/runtime.ts';
import { auIri, courseIri, outcomeIri } from './statements.ts';

export const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

export interface Cmi5XmlInput {
  base: string;
  courseId: string;
  lang: string;
  title: string;
  description: string;
  passMark: number;
  outcomes: { id: string; text: string }[];
}

/** The `<title>` and `<description>` that course, objectives and AU each carry, at `indent`. */
function titled(lang: string, title: string, description: string, indent: string): string {
  const langstring = (text: string) =>
    `${indent}  <langstring lang="${escapeXml(lang)}">${escapeXml(text)}</langstring>`;
  return `${indent}<title>
${langstring(title)}
${indent}</title>
${indent}<description>
${langstring(description)}
${indent}</description>`;
}

export function cmi5Xml(input: Cmi5XmlInput): string {
  const { base, courseId, lang } = input;
  const objectives = input.outcomes
    .map(
      (o) => `    <objective id="${escapeXml(outcomeIri(base, courseId, o.id))}">
${titled(lang, o.id, o.text, '      ')}
    </objective>`,
    )
    .join('\n');
  const refs = input.outcomes
    .map((o) => `        <objective idref="${escapeXml(outcomeIri(base, courseId, o.id))}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="${CMI5_NAMESPACE}">
  <course id="${escapeXml(courseIri(base, courseId))}">
${titled(lang, input.title, input.description, '    ')}
  </course>
${objectives ? `  <objectives>\n${objectives}\n  </objectives>\n` : ''}  <au id="${escapeXml(auIri(base, courseId))}" moveOn="CompletedAndPassed" masteryScore="${decimal(input.passMark, 4)}" launchMethod="AnyWindow" activityType="http://adlnet.gov/expapi/activities/module">
${titled(lang, input.title, input.description, '    ')}
${refs ? `    <objectives>\n${refs}\n    </objectives>\n` : ''}    <url>index.html</url>
  </au>
</courseStructure>
`;
}

/** A cmi5 package of the course's self-paced module. */
export async function exportCmi5(course: Course, options: LmsExportOptions = {}): Promise<Uint8Array> {
  const { pkg, files, base } = await playerFiles(course, 'cmi5', options);
  const aim = course.meta.aim;
  files.set(
    'cmi5.xml',
    cmi5Xml({
      base,
      courseId: pkg.courseId,
      lang: pkg.language,
      title: pkg.title,
      description: `${aim.intro} ${aim.points.join('; ')}`.trim(),
      passMark: pkg.assessment.passMark,
      outcomes: pkg.outcomes,
    }),
  );
  return zipFiles(files);
}
