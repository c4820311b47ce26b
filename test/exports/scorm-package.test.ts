/**
 * The SCORM 1.2 and 2004 packages of Module 1 read back as an LMS's importer would: the zip, the
 * manifest (well-formed XML, the right namespaces and schema version, one SCO, every file it names in
 * the zip and every file of the zip named), the page with its embedded package; and the suspend data
 * codec that keeps a learner's progress within SCORM 1.2's 4096 characters.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { allBlocks, type Course } from '../../src/content/model.ts';
import { exportScorm12, exportScorm2004 } from '../../src/exports/scorm/export-scorm.ts';
import { findApi, timespan12 } from '../../src/exports/scorm/runtime.ts';
import {
  decodeSuspendData,
  encodeSuspendData,
  encodeSuspendDataNow,
  parseRanges,
  ranges,
  SCORM12_SUSPEND_LIMIT,
  suspendIds,
} from '../../src/exports/scorm/suspend-data.ts';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import type { SelfPacedPackage, SelfPacedProgress } from '../../src/selfpaced/self-paced-package.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked by element name
type Xml = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['organization', 'item', 'resource', 'file', 'imsss:objective'].includes(name),
});

let course: Course;
let pkg: SelfPacedPackage;
const zips: Record<'scorm12' | 'scorm2004', { bytes: Uint8Array; zip: JSZip }> = {} as never;

before(async () => {
  course = await moduleOne();
  pkg = buildSelfPacedPackage(course);
  for (const [name, make] of [
    ['scorm12', exportScorm12],
    ['scorm2004', exportScorm2004],
  ] as const) {
    const bytes = await make(course);
    zips[name] = { bytes, zip: await JSZip.loadAsync(bytes) };
  }
});

async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  assert.ok(file, `${path} is in the package`);
  return file.async('string');
}

async function manifest(name: 'scorm12' | 'scorm2004'): Promise<{ xml: string; doc: Xml }> {
  const xml = await text(zips[name].zip, 'imsmanifest.xml');
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  return { xml, doc: parser.parse(xml) };
}

/** One organization, one item pointing at one SCO resource whose files are exactly the zip's. */
async function checkStructure(
  name: 'scorm12' | 'scorm2004',
  doc: Xml,
  scormTypeAttribute: string,
): Promise<Xml> {
  const m = doc.manifest;
  assert.equal(m.metadata.schema, 'ADL SCORM');
  const orgs = m.organizations;
  assert.equal(orgs.organization.length, 1);
  const org = orgs.organization[0];
  assert.equal(orgs['@_default'], org['@_identifier'], 'the default organization exists');
  assert.equal(org.title, pkg.title);
  assert.equal(org.item.length, 1);
  const item = org.item[0];
  assert.equal(item.title, pkg.title);
  const resources = m.resources.resource;
  assert.equal(resources.length, 1);
  const resource = resources[0];
  assert.equal(item['@_identifierref'], resource['@_identifier']);
  assert.equal(resource['@_type'], 'webcontent');
  assert.equal(resource[`@_${scormTypeAttribute}`], 'sco');
  assert.equal(resource['@_href'], 'index.html');
  const listed: string[] = resource.file.map((f: Xml) => f['@_href']);
  const inZip = Object.values(zips[name].zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  for (const href of [resource['@_href'], ...listed])
    assert.ok(inZip.includes(href), `${href} is in the zip`);
  assert.deepEqual(
    [...inZip].filter((f) => f !== 'imsmanifest.xml').sort(),
    [...listed].sort(),
    'every file listed',
  );
  const ids = [m['@_identifier'], org['@_identifier'], item['@_identifier'], resource['@_identifier']];
  assert.equal(new Set(ids).size, ids.length, 'identifiers are unique');
  for (const id of ids) assert.match(id, /^[A-Za-z_][\w.-]*$/, `${id} is an XML ID`);
  return item;
}

describe('SCORM 1.2 package', () => {
  test('imsmanifest.xml: IMS CP 1.1.2, schemaversion 1.2, one SCO (scormtype in lower case), mastery score', async () => {
    const { xml, doc } = await manifest('scorm12');
    const m = doc.manifest;
    assert.equal(m['@_xmlns'], 'http://www.imsproject.org/xsd/imscp_rootv1p1p2');
    assert.equal(m['@_xmlns:adlcp'], 'http://www.adlnet.org/xsd/adlcp_rootv1p2');
    assert.equal(m.metadata.schemaversion, '1.2');
    const item = await checkStructure('scorm12', doc, 'adlcp:scormtype');
    assert.equal(item['adlcp:masteryscore'], String(pkg.assessment.passMark * 100));
    assert.doesNotMatch(xml, /scormType/, 'SCORM 1.2 spells it scormtype');
  });
});

describe('SCORM 2004 4th edition package', () => {
  test('imsmanifest.xml: IMS CP 1.1, schemaversion 2004 4th Edition, one SCO, sequencing objectives', async () => {
    const { xml, doc } = await manifest('scorm2004');
    const m = doc.manifest;
    assert.equal(m['@_xmlns'], 'http://www.imsglobal.org/xsd/imscp_v1p1');
    assert.equal(m['@_xmlns:adlcp'], 'http://www.adlnet.org/xsd/adlcp_v1p3');
    assert.equal(m['@_xmlns:imsss'], 'http://www.imsglobal.org/xsd/imsss');
    assert.equal(m['@_xmlns:adlseq'], 'http://www.adlnet.org/xsd/adlseq_v1p3');
    assert.equal(m.metadata.schemaversion, '2004 4th Edition');
    const item = await checkStructure('scorm2004', doc, 'adlcp:scormType');
    const sequencing = item['imsss:sequencing'];
    const primary = sequencing['imsss:objectives']['imsss:primaryObjective'];
    assert.equal(primary['@_satisfiedByMeasure'], 'true');
    assert.equal(primary['imsss:minNormalizedMeasure'], String(pkg.assessment.passMark));
    assert.deepEqual(
      sequencing['imsss:objectives']['imsss:objective'].map((o: Xml) => o['@_objectiveID']),
      pkg.outcomes.map((o) => o.id),
    );
    assert.equal(sequencing['imsss:deliveryControls']['@_completionSetByContent'], 'true');
    assert.equal(sequencing['imsss:deliveryControls']['@_objectiveSetByContent'], 'true');
    // The order the schemas require: an item's title before its sequencing; objectives before delivery controls.
    assert.ok(xml.indexOf('<imsss:objectives>') < xml.indexOf('<imsss:deliveryControls'));
    assert.ok(xml.indexOf(`<title>`) < xml.indexOf('<imsss:sequencing>'));
  });
});

describe('the page and the player in both packages', () => {
  test('index.html embeds the self-paced package and the messages; player.js is one classic script', async () => {
    for (const name of ['scorm12', 'scorm2004'] as const) {
      const zip = zips[name].zip;
      const html = await text(zip, 'index.html');
      const json = (id: string) => {
        const m = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
        assert.ok(m, `#${id}`);
        return JSON.parse(m[1] as string);
      };
      assert.deepEqual(json('lectern-package'), JSON.parse(JSON.stringify(pkg)));
      const config = json('lectern-config');
      assert.equal(config.lang, 'en');
      assert.ok(Object.keys(config.messages).some((k) => k.startsWith('ui.sp.')));
      assert.match(html, /<script src="player\.js"><\/script>/);
      assert.match(html, /<link rel="stylesheet" href="lectern\.css">/);
      assert.doesNotMatch(html, /(src|href)="\//, 'no absolute paths: the LMS serves the package anywhere');
      const script = await text(zip, 'player.js');
      assert.doesNotMatch(script, /^\s*(import|export)\s/m, 'no module syntax');
      assert.ok(script.includes(name === 'scorm12' ? 'LMSInitialize' : 'API_1484_11'));
    }
  });

  test('no instructor-only text enters a package', async () => {
    const speaking = allBlocks(course)
      .filter((b) => b.kind === 'speaking' || b.kind === 'note')
      .map((b) => ('markdown' in b ? b.markdown : ''))
      .map((m) =>
        m
          .replace(/[*_=[\]()#>`-]/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((m) => m.length > 60);
    assert.ok(speaking.length > 5);
    const html = await text(zips.scorm12.zip, 'index.html');
    const plain = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\\u003c/g, '<')
      .replace(/\s+/g, ' ');
    for (const s of speaking)
      assert.ok(!plain.includes(s.slice(0, 60)), `"${s.slice(0, 60)}…" is not in the package`);
  });

  test('the same course gives the same bytes', async () => {
    assert.deepEqual(await exportScorm12(course), zips.scorm12.bytes);
    assert.deepEqual(await exportScorm2004(course), zips.scorm2004.bytes);
  });

  test('sizes', (t) => {
    for (const [name, { bytes }] of Object.entries(zips)) {
      t.diagnostic(`${name}: ${bytes.length} bytes`);
      assert.ok(bytes.length < 150_000, `${name}: ${bytes.length} bytes`);
    }
  });
});

// ── suspend data ─────────────────────────────────────────────────────────────────────────────────

const WORDS =
  'civilians protection mission mandate threat violence peacekeepers host state legitimacy physical rights humanitarian coordination early warning patrol community'.split(
    ' ',
  );

/**
 * Text like a learner's: course words in a varying order (deflates well), or, `noisy`, random letters
 * (deflates little: the worst case).
 */
function prose(seed: number, length: number, noisy: boolean): string {
  let out = '';
  let x = seed + 1;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x >>> 8;
  };
  while (out.length < length) {
    out += noisy
      ? 'abcdefghijklmnopqrstuvwxyz '.charAt(next() % 27)
      : `${WORDS[next() % WORDS.length]}${next() % 7 === 0 ? '. ' : ' '}`;
  }
  return out.slice(0, length);
}

function fullProgress(textLength: number, noisy = false): SelfPacedProgress {
  const answers: SelfPacedProgress['answers'] = {};
  const t0 = Date.UTC(2026, 10, 25, 9, 0, 0);
  for (const [i, [id, entry]] of [
    ...Object.entries(pkg.activities),
    ...Object.entries(pkg.assessment.items),
  ].entries()) {
    const key = entry.key;
    const response = !key || 'text' in key ? { text: prose(i, textLength, noisy) } : key;
    answers[id] = { response, score: key && !('text' in key) ? 1 : null, at: t0 + i * 61_000 };
  }
  return {
    revision: 87,
    frame: pkg.frames.length,
    seen: pkg.frames.map((_, i) => i).concat(pkg.frames.length),
    answers,
    assessment: { startedAt: t0 + 3_600_000, submittedAt: t0 + 3_900_000, score: 0.9, passed: true },
  };
}

describe('suspend data', () => {
  test('round trip: place, frames seen, answers (times to the second), assessment', async () => {
    const ids = suspendIds(pkg);
    const progress = fullProgress(20);
    const { data, level } = await encodeSuspendData(progress, ids, SCORM12_SUSPEND_LIMIT);
    assert.equal(level, 0, 'nothing trimmed');
    assert.ok(data.length <= SCORM12_SUSPEND_LIMIT);
    assert.deepEqual(await decodeSuspendData(data, ids), progress);
  });

  test('long answers: deflated when the plain form would not fit, nothing trimmed', async () => {
    const ids = suspendIds(pkg);
    const progress = fullProgress(900);
    const plain = encodeSuspendDataNow(progress, ids, SCORM12_SUSPEND_LIMIT);
    assert.ok(plain.level > 0, 'the plain form had to be trimmed');
    const best = await encodeSuspendData(progress, ids, SCORM12_SUSPEND_LIMIT);
    assert.ok(best.data.startsWith('L1z'), 'deflated');
    assert.equal(best.level, 0);
    assert.ok(best.data.length <= SCORM12_SUSPEND_LIMIT);
    assert.deepEqual(await decodeSuspendData(best.data, ids), progress);
  });

  test('very long answers: at most 4096 characters, practice texts cut first, the assessment kept', async () => {
    const ids = suspendIds(pkg);
    const progress = fullProgress(2000, true);
    assert.ok(JSON.stringify(progress).length > 2 * SCORM12_SUSPEND_LIMIT);
    const best = await encodeSuspendData(progress, ids, SCORM12_SUSPEND_LIMIT);
    assert.ok(
      best.level > 0 && best.data.length <= SCORM12_SUSPEND_LIMIT,
      `${best.level} ${best.data.length}`,
    );
    const back = await decodeSuspendData(best.data, ids);
    assert.ok(back);
    assert.equal(back.frame, progress.frame);
    assert.deepEqual(back.seen, progress.seen);
    assert.deepEqual(back.assessment, progress.assessment);
    for (const id of pkg.assessment.itemIds) {
      assert.equal(back.answers[id]?.score, progress.answers[id]?.score, `${id} kept`);
    }
  });

  test('any progress fits in 4096 characters and keeps place and result (property)', async () => {
    const ids = suspendIds(pkg);
    const allIds = ids.ids;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          revision: fc.nat(1e6),
          frame: fc.nat(pkg.frames.length),
          seen: fc.array(fc.nat(pkg.frames.length), { maxLength: 40 }),
          answers: fc.dictionary(
            fc.constantFrom(...allIds),
            fc.record({
              response: fc.oneof(
                fc.record({ text: fc.string({ maxLength: 2000, unit: 'grapheme' }) }),
                fc.record({ choice: fc.nat(9) }),
                fc.record({ choices: fc.array(fc.nat(9), { maxLength: 5 }) }),
                fc.record({ value: fc.boolean() }),
                fc.record({ order: fc.array(fc.nat(9), { maxLength: 9 }) }),
              ),
              score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
              at: fc.integer({ min: 1.7e12, max: 1.9e12 }),
            }),
          ),
          assessment: fc.record({
            startedAt: fc.option(fc.integer({ min: 1.7e12, max: 1.9e12 }), { nil: null }),
            submittedAt: fc.option(fc.integer({ min: 1.7e12, max: 1.9e12 }), { nil: null }),
            score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
            passed: fc.option(fc.boolean(), { nil: null }),
          }),
        }),
        async (progress) => {
          const { data } = await encodeSuspendData(progress, ids, SCORM12_SUSPEND_LIMIT);
          if (data.length > SCORM12_SUSPEND_LIMIT) return false;
          const back = await decodeSuspendData(data, ids);
          if (!back || back.frame !== progress.frame || back.revision !== progress.revision) return false;
          return back.assessment.passed === progress.assessment.passed;
        },
      ),
      { numRuns: 60 },
    );
  });

  test('data of another package keeps the place but not the answers; garbage is no progress', async () => {
    const ids = suspendIds(pkg);
    const { data } = await encodeSuspendData(fullProgress(5), ids, SCORM12_SUSPEND_LIMIT);
    const other = await decodeSuspendData(data, { ids: ['x', ...ids.ids], assessment: ids.assessment });
    assert.equal(other?.frame, pkg.frames.length);
    assert.deepEqual(other?.answers, {});
    assert.equal(await decodeSuspendData('', ids), null);
    assert.equal(await decodeSuspendData('{"frame":2}', ids), null);
    assert.equal(await decodeSuspendData('L1j{not json', ids), null);
    assert.equal(await decodeSuspendData('L1zAAAA', ids), null);
  });

  test('frames seen as ranges', () => {
    assert.equal(ranges([5, 0, 1, 2, 3, 9, 8, 3]), '0-3,5,8-9');
    assert.deepEqual(parseRanges('0-3,5,8-9'), [0, 1, 2, 3, 5, 8, 9]);
    assert.equal(ranges([]), '');
  });
});

describe('SCORM runtime helpers', () => {
  test('CMITimespan: 2 to 4 digit hours, capped', () => {
    assert.equal(timespan12(0), '00:00:00.00');
    assert.equal(timespan12(3_723_456), '01:02:03.46');
    assert.equal(timespan12(123 * 3_600_000), '123:00:00.00');
    assert.equal(timespan12(20_000 * 3_600_000), '9999:59:59.99');
  });

  test('API discovery: parents, then the opener and its parents; cross-origin frames are skipped', () => {
    const api = { LMSInitialize: () => 'true' };
    const frame = (props: Record<string, unknown>) => {
      const w: Record<string, unknown> = { ...props };
      if (!('parent' in w)) w.parent = w;
      return w;
    };
    const top = frame({ API: api });
    const middle = frame({ parent: top });
    const sco = frame({ parent: middle });
    assert.equal(findApi(sco as never, 'API'), api);
    assert.equal(findApi(sco as never, 'API_1484_11'), null);
    const crossOrigin = {};
    Object.defineProperty(crossOrigin, 'API', {
      get() {
        throw new Error('SecurityError');
      },
    });
    (crossOrigin as Record<string, unknown>).parent = crossOrigin;
    const opener = frame({ parent: frame({ API_1484_11: api }) });
    const popup = frame({ parent: crossOrigin, opener });
    assert.equal(findApi(popup as never, 'API_1484_11'), api);
    const lonely = frame({});
    assert.equal(findApi(lonely as never, 'API'), null);
  });
});
