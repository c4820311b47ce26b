/** The layout clean-up steps on small, hand-made inputs: page furniture, and lines joined back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinLines } from './join-lines.ts';
import { removePageFurniture } from './page-furniture.ts';
import { textLines } from './text-lines.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('page furniture', () => {
  it('removes a running header, footer and page numbers that recur on most pages, and keeps the body', () => {
    // Body lines differ from page to page, as they do in real notes (digits alone do not tell them apart).
    const words = ['alpha', 'bravo', 'charlie', 'delta'];
    const filler = (n: number) =>
      [1, 2, 3].map((i) => `Line ${i} about ${words[n - 1]} on this page.`).join('\n');
    const page = (n: number, body: string) =>
      `Module 3: Approaches to Protection   ${n}\n\n${filler(n)}\n${body}\n${filler(n)}\n\nUN Protection of Civilians PDT Standards, 1st ed. (2011)\n– ${n} –`;
    const text = [1, 2, 3, 4].map((n) => page(n, `Body of page ${n}.`)).join('\f');
    const { body, removed } = removePageFurniture(textLines(encode(text)));
    const kept = body.map((l) => l.text.trim()).filter(Boolean);
    assert.deepEqual(
      kept.filter((t) => t.startsWith('Body')),
      ['Body of page 1.', 'Body of page 2.', 'Body of page 3.', 'Body of page 4.'],
    );
    assert.equal(
      kept.some((t) => /Module 3|PDT Standards|^– \d –$/.test(t)),
      false,
      kept.join(' | '),
    );
    assert.deepEqual(removed, [
      'Module 3: Approaches to Protection 1',
      'UN Protection of Civilians PDT Standards, 1st ed. (2011)',
    ]);
  });

  it('keeps a line that recurs on fewer than half the pages', () => {
    const pages = [
      'Intro\nSee the handout.\nEnd',
      'Middle\nSee the handout.\nEnd',
      'More\nText here\nEnd.',
      'Last\nText\nEnd.',
    ];
    const { body } = removePageFurniture(textLines(encode(pages.join('\f'))));
    assert.equal(body.filter((l) => l.text === 'See the handout.').length, 2);
  });

  it('finds a lone "<title> <page>" header in text without page breaks, with the dated line beside it', () => {
    const text =
      'MODULE 1: OVERVIEW OF THE PROTECTION OF CIVILIANS\n\nSome text.\nModule 1: Overview of the Protection of Civilians   8\n\nUN Protection of Civilians PDT Standards, 1st ed. (2011)\n\nMore text.';
    const { body } = removePageFurniture(
      textLines(encode(text)),
      'MODULE 1: OVERVIEW OF THE PROTECTION OF CIVILIANS',
    );
    assert.deepEqual(body.map((l) => l.text).filter(Boolean), [
      'MODULE 1: OVERVIEW OF THE PROTECTION OF CIVILIANS',
      'Some text.',
      'More text.',
    ]);
  });
});

describe('joining lines', () => {
  it('undoes hyphenation where the word goes on in lower case, and keeps it after a short prefix', () => {
    assert.equal(joinLines(['the protec-', 'tion of civilians']), 'the protection of civilians');
    assert.equal(
      joinLines(['humiliating or de-', 'legitimizing rival authorities']),
      'humiliating or de-legitimizing rival authorities',
    );
    assert.equal(joinLines(['prevention, pre-', 'emption, response']), 'prevention, pre-emption, response');
    assert.equal(joinLines(['Military –', 'Battalion level']), 'Military – Battalion level');
    assert.equal(joinLines(['  spaced  ', '', 'words ']), 'spaced words');
  });
});
