import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LANGS } from '../i18n/catalogue.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import {
  formatRosterProblem,
  parseComponent,
  ROSTER_PROBLEM_CODES,
  type RosterProblem,
  type RosterProblemCode,
  rosterProblem,
  rosterProblemMessage,
} from './roster.ts';
import { detectDelimiter, parseRosterCsv, rosterColumnOf } from './roster-csv.ts';

const FIXTURES = new URL('../../test/fixtures/rosters/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** "line:column CODE" for each problem, in order. */
const where = (problems: RosterProblem[]) => problems.map((p) => `${p.at.line}:${p.at.column} ${p.code}`);

describe('parseRosterCsv: good files', () => {
  it('reads an English comma-separated roster', () => {
    const { entries, problems } = parseRosterCsv(fixture('good-en.csv'), 'good-en.csv');
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 5);
    assert.deepEqual(entries[0], {
      name: 'Amina Diallo',
      rank: 'Capt.',
      serviceNumber: 'SN-10021',
      component: 'military',
      contingent: 'Senegal',
      mission: 'MINUSMA',
    });
    // Quoted commas, empty optional cells, padding and upper case.
    assert.deepEqual(entries[2], {
      name: "O'Connor, Siobhan",
      rank: null,
      serviceNumber: null,
      component: 'civilian',
      contingent: null,
      mission: 'UNMISS',
    });
    assert.equal(entries[4]?.name, 'Li Wei');
    assert.equal(entries[4]?.component, 'police');
    assert.equal(entries[4]?.mission, 'UNMISS, Juba');
  });

  it('reads a French semicolon roster with a BOM, CRLF and accents', () => {
    const text = fixture('fr-semicolon-bom.csv');
    assert.equal(text.charCodeAt(0), 0xfeff, 'the fixture starts with a BOM');
    assert.match(text, /\r\n/);
    const { entries, problems } = parseRosterCsv(text, 'fr.csv');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.name, e.rank, e.serviceNumber, e.component, e.contingent]),
      [
        ['Aïssatou Ndiaye', 'Capitaine', 'SN-2201', 'military', 'Sénégal'],
        ['Éric Lefèvre', 'Commissaire', 'FR-9934', 'police', 'France'],
        ['Hélène Côté', null, null, 'civilian', 'Canada'],
        ['Moussa Koné', 'Adjudant-chef', 'ML-5512', 'military', 'Mali'],
      ],
    );
    assert.equal(entries[3]?.mission, 'Mission; MINUSMA', 'a quoted semicolon stays in its cell');
  });

  it('joins a first-name and a last-name column (Prénom, Nom)', () => {
    const { entries, problems } = parseRosterCsv(
      'Prénom;NOM;Catégorie\nAmina;Diallo;Militaire\nJean-Paul;Mbeki;civil\n',
      'split.csv',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => e.name),
      ['Amina Diallo', 'Jean-Paul Mbeki'],
    );
  });

  it('skips blank lines and rows of empty cells, and accepts extra empty trailing cells', () => {
    const { entries, problems } = parseRosterCsv(
      '\n\nname,component,,\n\nAmina Diallo,military\n,,,\nKofi Mensah,police,,,\n',
      'blank.csv',
    );
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 2);
  });

  it('accepts a header with no data rows', () => {
    assert.deepEqual(parseRosterCsv('name,component\n', 'empty.csv'), { entries: [], problems: [] });
  });

  it('understands headings in English and French, whatever their case, accents and punctuation', () => {
    const cases: [string, string | null][] = [
      ['Name', 'name'],
      ['NOM COMPLET', 'name'],
      ['Nom et prénom(s)', 'name'],
      ['Rank/Grade', 'rank'],
      ['grade', 'rank'],
      ['Service number', 'serviceNumber'],
      ['Service No.', 'serviceNumber'],
      ['ID', 'serviceNumber'],
      ['Matricule', 'serviceNumber'],
      ['Numéro de matricule', 'serviceNumber'],
      ['N° matricule', 'serviceNumber'],
      ['Service number / ID / Matricule', 'serviceNumber'],
      ['Composante', 'component'],
      ['COMPONENT', 'component'],
      ['Contingent', 'contingent'],
      ['Pays', 'contingent'],
      ['Mission', 'mission'],
      ['Prénom', 'givenName'],
      ['Surname', 'familyName'],
      ['Blood group', null],
      ['Rank / Mission', null],
    ];
    for (const [heading, column] of cases) assert.equal(rosterColumnOf(heading), column, heading);
  });

  it('understands components in English and French', () => {
    for (const value of ['military', 'Militaire', 'MIL', 'militaires'])
      assert.equal(parseComponent(value), 'military');
    for (const value of ['police', 'Police', 'UNPOL', 'policière'])
      assert.equal(parseComponent(value), 'police');
    for (const value of ['civilian', 'Civil', 'civile', 'CIVILE '])
      assert.equal(parseComponent(value), 'civilian');
    for (const value of ['navy', '', 'military police']) assert.equal(parseComponent(value), null);
  });

  it('takes the delimiter from the header line', () => {
    assert.equal(detectDelimiter('name,component\n'), ',');
    assert.equal(detectDelimiter('\ufeffNom;Composante\r\n'), ';');
    assert.equal(detectDelimiter('"Nom, complet";Composante;Grade\n'), ';', 'a quoted comma does not count');
    assert.equal(detectDelimiter('"Name; full",Component\n'), ',');
    assert.equal(detectDelimiter('Name\tRank\tComponent\n'), '\t');
    assert.equal(detectDelimiter('sep=;\r\nName,Rank,Component\n'), ';', 'Excel names it on the first line');
  });

  it('reads a tab-separated roster and honours an Excel "sep=" line, keeping line numbers', () => {
    const tabs = parseRosterCsv('Name\tComponent\nAmina Diallo\tMilitaire\n', 't.txt');
    assert.deepEqual(tabs.problems, []);
    assert.equal(tabs.entries[0]?.component, 'military');
    const sep = parseRosterCsv(
      'sep=;\r\nNom;Composante\r\nAmina, Diallo;militaire\r\nKofi;navy\r\n',
      's.csv',
    );
    assert.deepEqual(where(sep.problems), ['4:2 ROSTER_COMPONENT_INVALID']);
  });
});

describe('parseRosterCsv: bad files', () => {
  it('reports every bad row at its line and column, counting the lines of quoted multi-line cells', () => {
    const { entries, problems } = parseRosterCsv(fixture('bad-rows.csv'), 'bad-rows.csv');
    assert.deepEqual(entries, []);
    assert.deepEqual(where(problems), [
      '1:7 ROSTER_COLUMN_UNKNOWN',
      '6:1 ROSTER_FIELD_EMPTY',
      '7:4 ROSTER_COMPONENT_INVALID',
      '8:3 ROSTER_DUPLICATE',
      '9:1 ROSTER_DUPLICATE',
      '10:6 ROSTER_ROW_SHAPE',
      '11:8 ROSTER_ROW_SHAPE',
      '12:1 ROSTER_TOO_LONG',
      '13:4 ROSTER_FIELD_EMPTY',
      // The name cell opens on line 14 and closes on 15, where the component cell opens.
      '15:4 ROSTER_COMPONENT_INVALID',
    ]);
    const byLine = (line: number) => problems.find((p) => p.at.line === line && p.severity === 'error');
    assert.deepEqual(byLine(8)?.params, { heading: 'service number', value: 'SN-1', first: 2 });
    assert.deepEqual(byLine(9)?.params, { heading: 'name', value: 'Jean MBEKI', first: 5 });
    assert.deepEqual(byLine(10)?.params, { found: 5, expected: 7 });
    assert.deepEqual(byLine(12)?.params, { heading: 'name', length: 130, max: 120 });
    assert.ok(problems.every((p) => p.at.file === 'bad-rows.csv'));
  });

  it('gives the same positions when the file has Windows line endings', () => {
    const lf = parseRosterCsv(fixture('bad-rows.csv'), 'f.csv');
    const crlf = parseRosterCsv(fixture('bad-rows.csv').replace(/\n/g, '\r\n'), 'f.csv');
    assert.deepEqual(where(crlf.problems), where(lf.problems));
    const semicolons = parseRosterCsv(fixture('bad-rows.csv').replace(/,/g, ';'), 'f.csv');
    assert.deepEqual(where(semicolons.problems), where(lf.problems));
  });

  it('writes messages a coordinator can act on, in English and French', () => {
    const { problems } = parseRosterCsv(fixture('bad-rows.csv'), 'bad-rows.csv');
    const navy = problems.find((p) => p.code === 'ROSTER_COMPONENT_INVALID');
    assert.ok(navy);
    assert.equal(
      rosterProblemMessage('en', navy),
      'Line 7, column 4 (component): "navy" is not military, police or civilian.',
    );
    assert.equal(
      rosterProblemMessage('fr', navy),
      'Ligne 7, colonne 4 (component) : « navy » n’est ni militaire, ni police, ni civil.',
    );
    assert.equal(
      formatRosterProblem('en', navy),
      'bad-rows.csv:7:4  ROSTER_COMPONENT_INVALID  Line 7, column 4 (component): "navy" is not military, police or civilian.',
    );
    const empty = problems.find((p) => p.code === 'ROSTER_FIELD_EMPTY' && p.at.column === 4);
    assert.ok(empty);
    assert.match(rosterProblemMessage('fr', empty), /« composante » est obligatoire/);
  });

  it('reports a missing header', () => {
    const { entries, problems } = parseRosterCsv(fixture('header-missing.csv'), 'h.csv');
    assert.deepEqual(entries, []);
    assert.deepEqual(where(problems), ['1:1 ROSTER_HEADER_MISSING']);
    assert.deepEqual(where(parseRosterCsv('', 'empty.csv').problems), ['1:1 ROSTER_HEADER_MISSING']);
    assert.deepEqual(where(parseRosterCsv('\n\n\n', 'blank.csv').problems), ['1:1 ROSTER_HEADER_MISSING']);
  });

  it('reports the required columns a header lacks', () => {
    const { entries, problems } = parseRosterCsv(fixture('columns-missing.csv'), 'c.csv');
    assert.deepEqual(entries, []);
    assert.deepEqual(where(problems), ['1:1 ROSTER_COLUMN_MISSING', '1:1 ROSTER_COLUMN_MISSING']);
    assert.deepEqual(
      problems.map((p) => p.params.field),
      ['name', 'component'],
    );
    assert.match(rosterProblemMessage('fr', problems[1] as RosterProblem), /pas de colonne composante/);
  });

  it('refuses a column given twice', () => {
    const { entries, problems } = parseRosterCsv(fixture('duplicate-column.csv'), 'd.csv');
    assert.deepEqual(entries, []);
    assert.deepEqual(where(problems), ['1:2 ROSTER_COLUMN_DUPLICATE']);
  });

  it('warns about data under an empty heading', () => {
    const { entries, problems } = parseRosterCsv('name,component,\nAmina,military,note\n', 'e.csv');
    assert.equal(entries.length, 1, 'a warning does not block');
    assert.deepEqual(where(problems), ['1:3 ROSTER_COLUMN_UNKNOWN']);
  });

  it('reports an unclosed quote where it opens, not at the end of the file', () => {
    const { entries, problems } = parseRosterCsv(fixture('unclosed-quote.csv'), 'q.csv');
    assert.deepEqual(entries, []);
    assert.deepEqual(where(problems), ['3:1 ROSTER_NOT_CSV']);
    assert.equal(problems[0]?.params.reason, 'quote-not-closed');
    const later = parseRosterCsv(
      'name,component\n"multi\nline",military\nKofi,"police\nAmina,civil\n',
      'q.csv',
    );
    assert.deepEqual(where(later.problems), ['4:2 ROSTER_NOT_CSV']);
  });

  it('refuses binary files (an .xlsx, UTF-16 text) and text that is not UTF-8', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]).toString('utf8');
    const binary = parseRosterCsv(zip, 'roster.xlsx');
    assert.deepEqual(where(binary.problems), ['1:1 ROSTER_NOT_CSV']);
    assert.equal(binary.problems[0]?.params.reason, 'binary');
    const utf16 = parseRosterCsv(
      Buffer.from('name,component\nA,military\n', 'utf16le').toString('utf8'),
      'u.csv',
    );
    assert.equal(utf16.problems[0]?.code, 'ROSTER_NOT_CSV');
    // "Sénégal" saved as Windows-1252 and read as UTF-8.
    const latin1 = Buffer.from('name,component,contingent\nAmina,military,S\xe9n\xe9gal\n', 'latin1');
    const decoded = parseRosterCsv(latin1.toString('utf8'), 'l.csv');
    assert.deepEqual(where(decoded.problems), ['2:3 ROSTER_NOT_CSV']);
    assert.equal(decoded.problems[0]?.params.reason, 'encoding');
    assert.match(formatRosterProblem('en', decoded.problems[0] as RosterProblem), /not UTF-8/);
  });

  it('imports nothing when any row is wrong, and everything when only warnings remain', () => {
    const good = 'name,component,shoe size\nAmina Diallo,military,42\nKofi Mensah,police,44\n';
    const ok = parseRosterCsv(good, 'g.csv');
    assert.equal(ok.entries.length, 2);
    assert.deepEqual(where(ok.problems), ['1:3 ROSTER_COLUMN_UNKNOWN']);
    const bad = parseRosterCsv(`${good}Li Wei,navy,40\n`, 'b.csv');
    assert.deepEqual(bad.entries, []);
    assert.deepEqual(where(bad.problems), ['1:3 ROSTER_COLUMN_UNKNOWN', '4:2 ROSTER_COMPONENT_INVALID']);
  });

  it('treats two people with one name as duplicates only when a service number does not tell them apart', () => {
    const numbered = 'name,id,component\nAmina Diallo,A1,military\nAMINA DIALLO,A2,military\n';
    assert.deepEqual(parseRosterCsv(numbered, 'n.csv').problems, []);
    const oneUnnumbered = `${numbered}Amina  Diallo,,military\n`;
    assert.deepEqual(where(parseRosterCsv(oneUnnumbered, 'n.csv').problems), ['4:1 ROSTER_DUPLICATE']);
    const contingents =
      'name,contingent,component\nAmina Diallo,Senegal,military\nAmina Diallo,Mali,military\n';
    assert.deepEqual(parseRosterCsv(contingents, 'c.csv').problems, []);
    const sameNumber = 'name,matricule,component\nA,sn 1,military\nB,SN1,police\n';
    assert.deepEqual(where(parseRosterCsv(sameNumber, 's.csv').problems), ['3:2 ROSTER_DUPLICATE']);
  });

  it('parses a 2 MB roster of 10,000 rows', () => {
    const mission =
      'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic';
    const components = ['military', 'police', 'civilian'];
    const lines = ['Name,Rank,Service Number,Component,Contingent,Mission'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `Participant Number ${i} Longname,Lieutenant Colonel,SN-${String(i).padStart(8, '0')},${components[i % 3]},Troop Contributing Country ${i % 50},"${mission}"`,
      );
    }
    const text = lines.join('\r\n');
    assert.ok(text.length >= 2_000_000, `${text.length} characters`);
    const { entries, problems } = parseRosterCsv(text, 'big.csv');
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 10_000);
    assert.equal(entries[9_999]?.serviceNumber, 'SN-00009999');
  });
});

describe('parseRosterCsv: robustness', () => {
  const good = fixture('good-en.csv');
  const pieces = [
    '"',
    ',',
    ';',
    '\n',
    '\r\n',
    '\r',
    '\u0000',
    '\ufeff',
    '\ufffd',
    'é',
    ' ',
    '""',
    'x'.repeat(130),
  ];
  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 5 })),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 20 }),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 80 }),
    }),
  );
  const apply = (text: string, mutations: MutationList) => {
    let out = text;
    for (const m of mutations) {
      const at = m.at % (out.length + 1);
      if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
      else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
      else out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
    }
    return out;
  };

  it('never throws on random mutations of a good CSV, and keeps its rules', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        const text = apply(good, mutations);
        const { entries, problems } = parseRosterCsv(text, 'm.csv');
        const lineCount = text.split(/\r\n|\r|\n/).length;
        if (problems.some((p) => p.severity === 'error')) assert.deepEqual(entries, []);
        for (const p of problems) {
          assert.ok(
            p.at.line >= 1 && p.at.line <= lineCount,
            `${p.code} at line ${p.at.line} of ${lineCount}`,
          );
          assert.ok(p.at.column >= 1, `${p.code} at column ${p.at.column}`);
          for (const lang of LANGS) assert.doesNotMatch(rosterProblemMessage(lang, p), /\{\w+\}/);
        }
        for (const entry of entries) {
          assert.ok(entry.name.length > 0 && entry.name.length <= 120);
          assert.ok(['military', 'police', 'civilian'].includes(entry.component));
        }
      }),
      { numRuns: 500 },
    );
  });
});

type MutationList = (
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
)[];

describe('roster messages', () => {
  it('has an English and a French message for every roster problem code, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(ROSTER_PROBLEM_CODES) as RosterProblemCode[]) {
      const key = `roster.${code}` as const;
      assert.deepEqual(placeholders(fr[key]), placeholders(en[key]), key);
      const p = rosterProblem(code, { file: 'f.csv', line: 3, column: 2 });
      for (const lang of LANGS) {
        const message = rosterProblemMessage(lang, p);
        assert.ok(message.length > 20, `${lang} ${code}`);
        assert.match(message, /^(Line|Ligne) 3\b/, `${lang} ${code} starts with the line`);
      }
    }
  });
});
