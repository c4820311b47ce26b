/** Every export format `lectern export` knows, by name: what it writes and the file it suggests. */
import type { Course } from '../content/model.ts';
import { exportInstructorGuide } from './pdf/instructor-guide.ts';
import { exportParticipantHandout } from './pdf/participant-handout.ts';
import { exportPptx } from './pptx/export-pptx.ts';
import { toGift } from './question-bank/gift.ts';
import { toMoodleXml } from './question-bank/moodle-xml.ts';
import { exportScorm12, exportScorm2004 } from './scorm/export-scorm.ts';
import { exportCmi5 } from './xapi/export-cmi5.ts';

export interface ExportContext {
  /** A mission pack whose points the instructor materials should carry. */
  missionId: string | null;
}

export interface Exporter {
  extension: string;
  run(course: Course, context: ExportContext): Promise<Uint8Array | string>;
}

export const EXPORTERS = {
  pptx: {
    extension: 'pptx',
    run: (course, { missionId }) => exportPptx(course, missionId ? { missionId } : {}),
  },
  'guide-pdf': {
    extension: 'pdf',
    run: (course, { missionId }) => exportInstructorGuide(course, missionId ? { mission: missionId } : {}),
  },
  'handout-pdf': { extension: 'pdf', run: (course) => exportParticipantHandout(course) },
  'moodle-xml': { extension: 'xml', run: async (course) => toMoodleXml(course) },
  gift: { extension: 'gift.txt', run: async (course) => toGift(course) },
  scorm12: { extension: 'scorm12.zip', run: (course) => exportScorm12(course) },
  scorm2004: { extension: 'scorm2004.zip', run: (course) => exportScorm2004(course) },
  cmi5: {
    extension: 'cmi5.zip',
    run: (course) => exportCmi5(course, { base: process.env.LECTERN_XAPI_BASE }),
  },
} as const satisfies Record<string, Exporter>;

export type ExportFormat = keyof typeof EXPORTERS;

export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORTERS, name);
}
