import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isProfane, MAX_WORD_LENGTH, normaliseWord, PROFANITY } from './word-cloud.ts';

describe('normaliseWord', () => {
  it('merges answers that differ only in case, spacing and surrounding punctuation', () => {
    const a = normaliseWord('Loss of legitimacy.');
    const b = normaliseWord('  loss  of LEGITIMACY');
    assert.equal(a, 'loss of legitimacy');
    assert.equal(b, a);
    assert.equal(normaliseWord('"Loss of legitimacy!"'), a);
    assert.equal(normaliseWord('\tloss\nof\u00a0legitimacy…'), a);
    assert.equal(normaliseWord('(loss of legitimacy)'), a);
  });

  it('keeps the phrase whole, with inner punctuation, accents and symbols', () => {
    assert.equal(normaliseWord('Perte de légitimité', 'fr'), 'perte de légitimité');
    assert.equal(normaliseWord("Child soldiers' recruitment"), "child soldiers' recruitment");
    assert.equal(normaliseWord('C++'), 'c++');
    assert.equal(normaliseWord('looting, theft'), 'looting, theft');
  });

  it('merges composed and decomposed accents', () => {
    assert.equal(normaliseWord('Se\u0301curite\u0301'), normaliseWord('Sécurité'));
  });

  it('rejects empty answers and answers that are only punctuation', () => {
    assert.equal(normaliseWord(''), undefined);
    assert.equal(normaliseWord('   '), undefined);
    assert.equal(normaliseWord('?!...'), undefined);
  });

  it(`rejects answers longer than ${MAX_WORD_LENGTH} characters after normalising`, () => {
    assert.equal(normaliseWord('a'.repeat(40)), 'a'.repeat(40));
    assert.equal(normaliseWord('a'.repeat(41)), undefined);
    assert.equal(normaliseWord(`  ${'a'.repeat(40)}.  `), 'a'.repeat(40), 'counted after trimming');
    assert.equal(normaliseWord(`${'ab   '.repeat(13)}a`), `${'ab '.repeat(13)}a`, 'after collapsing spaces');
    assert.equal(normaliseWord('é'.repeat(40)), 'é'.repeat(40), 'characters, not bytes');
  });

  it('rejects English and French profanity, on whole words, ignoring case and accents', () => {
    assert.equal(normaliseWord('Shit'), undefined);
    assert.equal(normaliseWord('what the FUCK'), undefined);
    assert.equal(normaliseWord('Merde !', 'fr'), undefined);
    assert.equal(normaliseWord('bande d’enculés', 'fr'), undefined);
    assert.equal(normaliseWord('ENCULÉ', 'fr'), undefined);
    assert.equal(normaliseWord('putain de mission'), undefined, 'every list when the language is unknown');
  });

  it('does not reject words that merely contain a profanity', () => {
    assert.equal(normaliseWord('Scunthorpe'), 'scunthorpe');
    assert.equal(normaliseWord('shiitake'), 'shiitake');
    assert.equal(normaliseWord('dickens'), 'dickens');
    assert.equal(normaliseWord('constitution', 'fr'), 'constitution');
    assert.equal(normaliseWord('pros and cons'), 'pros and cons', 'a plural of four letters is not stripped');
    assert.equal(normaliseWord('shits'), undefined, 'plurals of five letters or more are');
  });

  it('checks English plus the session language', () => {
    assert.equal(normaliseWord('con', 'fr'), undefined);
    assert.equal(normaliseWord('con', 'fr-CA'), undefined);
    assert.equal(normaliseWord('café con leche', 'es'), 'café con leche', '"con" is harmless in Spanish');
    assert.equal(normaliseWord('shit', 'es'), undefined, 'English is always checked');
    assert.equal(normaliseWord('merde', 'en'), 'merde');
  });

  it('survives an invalid language tag', () => {
    assert.equal(normaliseWord('Peace', 'not a tag!'), 'peace');
  });
});

describe('PROFANITY', () => {
  it('is short, lower-case and without accents', () => {
    for (const [lang, words] of Object.entries(PROFANITY)) {
      assert.ok(words.length > 0 && words.length <= 20, lang);
      for (const word of words) {
        assert.equal(word, word.toLowerCase());
        assert.equal(word, word.normalize('NFD').replace(/\p{M}/gu, ''));
        assert.ok(isProfane(word, lang), word);
      }
    }
  });
});
