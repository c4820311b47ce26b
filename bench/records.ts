/**
 * bench/records: for a cohort of 1,000 participants who took Module 1's session assessment, the time
 * to compute results and item statistics, then to sign and render their certificates (one batch PDF
 * and one ZIP of single PDFs). Medians of several runs; synthetic answers from a fixed seed.
 */
import { newCertificateId } from '../src/certificates/certificate.ts';
import { certificateZip, renderCertificateBatchPdf } from '../src/certificates/certificate-pdf.ts';
import { generateIssuerKey, signCertificate } from '../src/certificates/signing.ts';
import { assembleAssessment } from '../src/content/assessment.ts';
import { loadCourse } from '../src/files/read-course-dir.ts';
import { answerKey, publicActivity } from '../src/live/activity-view.ts';
import type { Response } from '../src/live/protocol.ts';
import { type ResultAnswer, sessionResults } from '../src/records/session-results.ts';
import { courseHours } from '../src/server/records/certificates.ts';
import { median, samples, timeMs } from './timing.ts';

const PARTICIPANTS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 3);

const { course } = await loadCourse('courses/poc-module-1');
if (!course) throw new Error('Module 1 does not load');
const plan = assembleAssessment(course, 'bench-records');
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

// Each participant answers each item correctly with a probability of their own "ability".
const participants = Array.from({ length: PARTICIPANTS }, (_, i) => ({
  id: `p${i}`,
  name: `Participant ${i + 1}`,
}));
const answers: ResultAnswer[] = [];
const marks: { participantId: string; itemId: string; score: number }[] = [];
for (const p of participants) {
  const ability = 0.5 + random() / 2;
  for (const itemId of plan.itemIds) {
    const item = course.items.find((i) => i.id === itemId);
    if (!item) continue;
    if (item.type === 'short-answer') {
      answers.push({ participantId: p.id, activityId: itemId, response: { text: 'answer' } });
      marks.push({ participantId: p.id, itemId, score: random() < ability ? 1 : 0 });
      continue;
    }
    const key = answerKey(item, course) as Response;
    const view = publicActivity(item, course);
    const right = random() < ability;
    let response: Response = key;
    if (!right && 'choice' in key) response = { choice: (key.choice + 1) % (view.options?.length ?? 2) };
    else if (!right && 'value' in key) response = { value: !key.value };
    answers.push({ participantId: p.id, activityId: itemId, response });
  }
}
const presentMs = Object.fromEntries(participants.map((p) => [p.id, 45 * 60_000 * (0.7 + random() * 0.3)]));

const computeResults = () =>
  sessionResults({ course, plan, participants, answers, marks, presentMs, sessionMs: 45 * 60_000 });
let results = computeResults();
const resultTimes = await samples(() => {
  results = computeResults();
}, RUNS);
const completed = results.participants.filter((p) => p.completed);
// Certificates are timed for the whole cohort, as if everyone had completed: the worst case.
const certified = results.participants;

const key = generateIssuerKey();
const issue = () =>
  certified.map((p) =>
    signCertificate(
      {
        id: newCertificateId(),
        participant: { name: p.name },
        course: {
          id: course.meta.id,
          title: course.meta.title,
          module: course.meta.module,
          edition: `${course.meta.series}, ${course.meta.edition}`,
        },
        outcomes: course.outcomes.map((o) => o.text),
        date: '2026-11-25',
        place: 'Training centre',
        hours: courseHours(course),
        issuer: { centre: 'Peacekeeping Training Centre' },
        issuedAt: '2026-11-25T12:00:00Z',
      },
      key,
    ),
  );
const signTimes: number[] = [];
const batchTimes: number[] = [];
const zipTimes: number[] = [];
let batchBytes = 0;
let zipBytes = 0;
for (let r = 0; r < RUNS; r++) {
  let signed = issue();
  signTimes.push(await timeMs(() => (signed = issue())));
  batchTimes.push(
    await timeMs(
      async () => (batchBytes = (await renderCertificateBatchPdf(signed, 'http://lectern.local')).byteLength),
    ),
  );
  zipTimes.push(
    await timeMs(async () => (zipBytes = (await certificateZip(signed, 'http://lectern.local')).byteLength)),
  );
}

const stats = results.statistics.test;
console.log(
  `bench/records: ${PARTICIPANTS} participants, ${plan.itemIds.length} items, ${RUNS} runs (medians)`,
);
console.log(
  `  results + item statistics: ${median(resultTimes).toFixed(1)} ms  (mean ${(stats.mean ?? 0).toFixed(2)}, alpha ${stats.cic?.toFixed(1) ?? 'n/a'} %)`,
);
console.log(`  completed: ${completed.length} of ${PARTICIPANTS}`);
console.log(`  sign ${certified.length} certificates: ${median(signTimes).toFixed(1)} ms`);
console.log(
  `  batch PDF of ${certified.length}: ${median(batchTimes).toFixed(0)} ms, ${(batchBytes / 2 ** 20).toFixed(1)} MiB (${(median(batchTimes) / Math.max(1, certified.length)).toFixed(2)} ms each)`,
);
console.log(
  `  ZIP of ${certified.length} single PDFs: ${median(zipTimes).toFixed(0)} ms, ${(zipBytes / 2 ** 20).toFixed(1)} MiB`,
);
