/**
 * The cmi5 package of Module 1 read back: cmi5.xml at the zip root, well-formed, in the CourseStructure
 * namespace, elements in the XSD's order, IRIs for course, objectives and AU, the AU's url in the zip,
 * moveOn CompletedAndPassed at the pass mark, launchMethod AnyWindow; and the base of the IRIs set by
 * the caller.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import type { Course } from '../../src/content/model.ts';
import { CMI5_NAMESPACE, cmi5Xml, exportCmi5 } from '../../src/exports/xapi/export-cmi5.ts';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import type { SelfPacedPackage } from '../../src/selfpaced/self-paced-package.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked by element name
type Xml = any;

const IRI = /^https?:\/\/[^\s<>"{}|\\^`]+$/;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['au', 'objective', 'langstring', 'block'].includes(name),
});
const ordered = new XMLParser({ ignoreAttributes: true, preserveOrder: true });

let course: Course;
let pkg: SelfPacedPackage;
let zip: JSZip;
let xml: string;

before(async () => {
  course = await moduleOne();
  pkg = buildSelfPacedPackage(course);
  zip = await JSZip.loadAsync(await exportCmi5(course));
  xml = (await zip.file('cmi5.xml')?.async('string')) ?? '';
});

/** The element names under the first `name` element, in document order. */
function childOrder(tree: Xml[], name: string): string[] {
  for (const node of tree) {
    const key = Object.keys(node).find((k) => k !== ':@');
    if (!key) continue;
    if (key === name) return (node[key] as Xml[]).map((n) => Object.keys(n).find((k) => k !== ':@') ?? '');
    if (Array.isArray(node[key])) {
      const found = childOrder(node[key], name);
      if (found.length > 0) return found;
    }
  }
  return [];
}

describe('cmi5 package', () => {
  test('cmi5.xml: course, objectives, one AU (AnyWindow, CompletedAndPassed, masteryScore), in the XSD order', () => {
    assert.ok(xml, 'cmi5.xml at the root');
    assert.equal(XMLValidator.validate(xml), true);
    const root = parser.parse(xml).courseStructure;
    assert.equal(root['@_xmlns'], CMI5_NAMESPACE);
    const c = root.course;
    assert.equal(c['@_id'], 'https://lectern.example/courses/poc-module-1');
    assert.equal(c.title.langstring[0]['#text'], pkg.title);
    assert.equal(c.title.langstring[0]['@_lang'], 'en');
    assert.ok(c.description.langstring[0]['#text'].length > 20);
    assert.deepEqual(
      root.objectives.objective.map((o: Xml) => o['@_id']),
      pkg.outcomes.map((o) => `https://lectern.example/courses/poc-module-1/outcomes/${o.id}`),
    );
    assert.equal(root.au.length, 1);
    const au = root.au[0];
    assert.match(au['@_id'], IRI);
    assert.notEqual(au['@_id'], c['@_id']);
    assert.equal(au['@_launchMethod'], 'AnyWindow');
    assert.equal(au['@_moveOn'], 'CompletedAndPassed');
    assert.equal(Number(au['@_masteryScore']), pkg.assessment.passMark);
    assert.match(au['@_masteryScore'], /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/);
    assert.equal(au.url, 'index.html');
    assert.ok(zip.file(au.url), 'the AU url is in the zip');
    assert.deepEqual(
      au.objectives.objective.map((o: Xml) => o['@_idref']),
      root.objectives.objective.map((o: Xml) => o['@_id']),
      'every objective the AU names is defined',
    );
    const tree = ordered.parse(xml);
    assert.deepEqual(childOrder(tree, 'courseStructure'), ['course', 'objectives', 'au']);
    assert.deepEqual(childOrder(tree, 'course'), ['title', 'description']);
    assert.deepEqual(childOrder(tree, 'au'), ['title', 'description', 'objectives', 'url']);
  });

  test('the package holds the player: index.html, player.js, lectern.css', async () => {
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    assert.deepEqual(names, ['cmi5.xml', 'index.html', 'lectern.css', 'player.js']);
    const html = (await zip.file('index.html')?.async('string')) ?? '';
    assert.match(html, /"base":"https:\/\/lectern\.example"/);
  });

  test('the IRI base is the caller’s; text is escaped', async () => {
    const other = await JSZip.loadAsync(
      await exportCmi5(course, { base: 'https://training.un.example/lectern/' }),
    );
    const text = (await other.file('cmi5.xml')?.async('string')) ?? '';
    assert.match(text, /<course id="https:\/\/training\.un\.example\/lectern\/courses\/poc-module-1">/);
    const html = (await other.file('index.html')?.async('string')) ?? '';
    assert.match(html, /"base":"https:\/\/training\.un\.example\/lectern"/);
    const tricky = cmi5Xml({
      base: 'https://x.example',
      courseId: 'a&b',
      lang: 'fr',
      title: 'Protection des civils <module 1> & "test"',
      description: "L'essentiel",
      passMark: 0.75,
      outcomes: [],
    });
    assert.equal(XMLValidator.validate(tricky), true);
    const parsed = parser.parse(tricky).courseStructure;
    assert.equal(parsed.course['@_id'], 'https://x.example/courses/a%26b');
    assert.equal(parsed.course.title.langstring[0]['#text'], 'Protection des civils <module 1> & "test"');
    assert.equal(parsed.objectives, undefined, 'no empty objectives element');
  });
});
