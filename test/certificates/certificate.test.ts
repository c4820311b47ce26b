/** Certificate data: ids, normalisation, the canonical form the signature covers, printable text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CERTIFICATE_ID,
  type CertificateData,
  CertificateDataError,
  canonicalCertificate,
  canonicalJson,
  newCertificateId,
  normalizeCertificate,
  parseCertificateData,
} from '../../src/certificates/certificate.ts';
import { printable, unprintableFields } from '../../src/certificates/certificate-text.ts';
import { sampleData } from './fixtures.ts';

/** The same object with its keys inserted in reverse order, at every depth. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    ) as T;
  }
  return value;
}

describe('certificate ids', () => {
  it('are LEC- and 10 Crockford base32 characters, and differ', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newCertificateId()));
    assert.equal(ids.size, 2000);
    for (const id of ids) assert.match(id, CERTIFICATE_ID);
  });

  it('use every bit of the random bytes', () => {
    assert.equal(
      newCertificateId((b) => b.fill(0)),
      'LEC-0000000000',
    );
    assert.equal(
      newCertificateId((b) => b.fill(0xff)),
      'LEC-ZZZZZZZZZZ',
    );
  });
});

describe('canonicalCertificate', () => {
  const data = sampleData();

  it('is compact JSON with sorted keys', () => {
    const text = canonicalCertificate(data);
    assert.ok(!/\s"|":\s|,\s"/.test(text), 'no white space between tokens');
    assert.ok(text.startsWith('{"course":{"edition":'), text.slice(0, 40));
    assert.deepEqual(JSON.parse(text), data);
  });

  it('does not depend on key order', () => {
    assert.equal(canonicalCertificate(reversed(data)), canonicalCertificate(data));
  });

  it('is stable: a fixed data set gives a fixed text', () => {
    const small: CertificateData = {
      ...sampleData(),
      participant: { name: 'Zoë Ali' },
      outcomes: ['B', 'A'],
      issuer: { centre: 'C' },
    };
    assert.equal(
      canonicalCertificate(small),
      '{"course":{"edition":"UN Protection of Civilians PDT Standards, 1st ed. (2011)","id":"poc-module-1",' +
        '"module":1,"title":"Overview of the Protection of Civilians (POC)"},"date":"2026-03-02",' +
        '"hours":6.5,"id":"LEC-7K2M9QXR4T","issuedAt":"2026-03-03T09:30:00Z","issuer":{"centre":"C"},' +
        '"outcomes":["B","A"],"participant":{"name":"Zoë Ali"},"place":"Accra, Ghana"}',
    );
  });

  it('keeps the order of outcomes (it is part of what was certified)', () => {
    const swapped = { ...data, outcomes: [...data.outcomes].reverse() };
    assert.notEqual(canonicalCertificate(swapped), canonicalCertificate(data));
  });

  it('normalises strings to NFC, so composed and decomposed accents sign the same', () => {
    const composed = { ...data, participant: { name: 'Zo\u00eb Ali' } };
    const decomposed = { ...data, participant: { name: 'Zoe\u0308 Ali' } };
    assert.equal(canonicalCertificate(decomposed), canonicalCertificate(composed));
  });

  it('leaves out undefined optional fields', () => {
    const withUndefined = { ...data, participant: { name: 'X', rank: undefined } };
    assert.equal(
      canonicalCertificate(withUndefined),
      canonicalCertificate({ ...data, participant: { name: 'X' } }),
    );
  });

  it('follows RFC 8785 for numbers and escapes', () => {
    assert.equal(
      canonicalJson({ b: 1e21, a: 0.1, c: -0, d: 'a"\\\n\u0001é' }),
      '{"a":0.1,"b":1e+21,"c":0,"d":"a\\"\\\\\\n\\u0001é"}',
    );
    assert.throws(() => canonicalJson({ a: Number.NaN }), CertificateDataError);
    assert.throws(() => canonicalJson([undefined]), CertificateDataError);
    assert.throws(() => canonicalJson(new Date()), CertificateDataError);
  });
});

describe('normalizeCertificate and parseCertificateData', () => {
  it('tidies white space and drops empty optional fields; idempotent', () => {
    const messy = sampleData({
      participant: { name: '  Amara \n Okonkwo  ', rank: ' ', contingent: 'Ghana ' },
      place: 'Accra,\tGhana',
    });
    const tidy = normalizeCertificate(messy);
    assert.deepEqual(tidy.participant, { name: 'Amara Okonkwo', contingent: 'Ghana' });
    assert.equal(tidy.place, 'Accra, Ghana');
    assert.deepEqual(normalizeCertificate(tidy), tidy);
  });

  it('refuses bad data, naming the field', () => {
    const bad: Array<[Partial<CertificateData>, RegExp]> = [
      [{ id: 'LEC-123' }, /id/],
      [{ date: '2026-02-30' }, /date/],
      [{ hours: 0 }, /hours/],
      [{ issuedAt: '3 March 2026' }, /issuedAt/],
      [{ participant: { name: '' } }, /participant\.name/],
    ];
    for (const [override, field] of bad) {
      assert.throws(() => parseCertificateData(sampleData(override)), field);
    }
    assert.throws(() => parseCertificateData({ ...sampleData(), extra: 1 }), CertificateDataError);
    assert.doesNotThrow(() => parseCertificateData(sampleData({ issuedAt: '2026-03-03T09:30:00+03:00' })));
  });
});

describe('printable', () => {
  it('keeps WinAnsi text and the nearest letters of other Latin letters', () => {
    assert.equal(printable('José Fernández – N’Guessan'), 'José Fernández – N’Guessan');
    assert.equal(printable('Nguyễn Thị Lan'), 'Nguyên Thi Lan');
    assert.equal(printable('Łukasz Adébáyọ̀'), 'Lukasz Adébáyò');
    assert.equal(printable('Иван'), '????');
  });

  it('names the fields that cannot be printed as written', () => {
    assert.deepEqual(unprintableFields(sampleData()), []);
    const data = sampleData({ participant: { name: 'Nguyễn Thị Lan' }, place: 'Kraków' });
    assert.deepEqual(unprintableFields(data), ['participant.name']);
  });
});
