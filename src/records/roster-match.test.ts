import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Component, RosterEntry } from './roster.ts';
import { matchParticipant } from './roster-match.ts';

function entry(
  name: string,
  more: { rank?: string; serviceNumber?: string; component?: Component; contingent?: string } = {},
): RosterEntry {
  return {
    name,
    rank: more.rank ?? null,
    serviceNumber: more.serviceNumber ?? null,
    component: more.component ?? 'military',
    contingent: more.contingent ?? null,
    mission: null,
  };
}

const amina = entry('Amina Diallo', { rank: 'Capt.', contingent: 'Senegal' });
const eric = entry('Éric Lefèvre', { rank: 'Commissaire', component: 'police', contingent: 'France' });
const mbaye = entry("Fatou N'Diaye", { component: 'civilian' });
const jp = entry('Jean-Pierre Mbeki', { component: 'police', contingent: 'Rwanda' });
const kofi = entry('Kofi Annan Mensah', { contingent: 'Ghana' });
const roster = [amina, eric, mbaye, jp, kofi];

describe('matchParticipant', () => {
  it('matches the same name whatever its case, accents and spacing', () => {
    for (const name of ['Amina Diallo', 'amina diallo', '  AMINA   DIALLO ', 'Amína Diallo']) {
      assert.deepEqual(matchParticipant(roster, { name }), { entry: amina, confidence: 'exact' }, name);
    }
    assert.deepEqual(matchParticipant(roster, { name: 'eric lefevre' }), {
      entry: eric,
      confidence: 'exact',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Fatou Ndiaye' }), {
      entry: mbaye,
      confidence: 'exact',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Jean Pierre Mbeki' }), {
      entry: jp,
      confidence: 'exact',
    });
  });

  it('strips a rank or title from the typed name', () => {
    for (const name of [
      'Capt. Amina Diallo',
      'Capt Amina Diallo',
      'Captain Amina Diallo',
      'Capitaine Amina Diallo',
    ]) {
      assert.deepEqual(matchParticipant(roster, { name }), { entry: amina, confidence: 'exact' }, name);
    }
    assert.deepEqual(matchParticipant(roster, { name: 'Lt Col Kofi Annan Mensah' }), {
      entry: kofi,
      confidence: 'exact',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Commissaire Éric Lefèvre' }), {
      entry: eric,
      confidence: 'exact',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Mme Fatou Ndiaye' }), {
      entry: mbaye,
      confidence: 'exact',
    });
    // A rank only this roster uses is stripped too.
    const special = entry('Ana Souza', { rank: 'Capitão de Fragata' });
    assert.deepEqual(matchParticipant([special], { name: 'Capitão de Fragata Ana Souza' }), {
      entry: special,
      confidence: 'exact',
    });
  });

  it('matches a rank kept in the roster name', () => {
    const ranked = entry('Capt. Moussa Koné');
    assert.deepEqual(matchParticipant([ranked], { name: 'Moussa Kone' }), {
      entry: ranked,
      confidence: 'exact',
    });
  });

  it('gives a likely match for names in another order or with a name more or fewer', () => {
    assert.deepEqual(matchParticipant(roster, { name: 'DIALLO Amina' }), {
      entry: amina,
      confidence: 'likely',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Diallo, Amina' }), {
      entry: amina,
      confidence: 'likely',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Kofi Mensah' }), {
      entry: kofi,
      confidence: 'likely',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Amina Binta Diallo' }), {
      entry: amina,
      confidence: 'likely',
    });
  });

  it('does not match on a single shared word or on an unknown name', () => {
    assert.equal(matchParticipant(roster, { name: 'Amina' }), null);
    assert.equal(matchParticipant(roster, { name: 'Diallo' }), null);
    assert.equal(matchParticipant(roster, { name: 'Amina Mensah' }), null);
    assert.equal(matchParticipant(roster, { name: '' }), null);
    assert.equal(matchParticipant(roster, { name: 'Capt.' }), null);
    assert.equal(matchParticipant([], { name: 'Amina Diallo' }), null);
  });

  it('uses the contingent to choose between two people of the same name', () => {
    const senegal = entry('Amina Diallo', { contingent: 'Sénégal', serviceNumber: 'S1' });
    const mali = entry('Amina Diallo', { contingent: 'Mali', serviceNumber: 'M1' });
    const twins = [senegal, mali];
    assert.deepEqual(matchParticipant(twins, { name: 'Amina Diallo', contingent: 'senegal' }), {
      entry: senegal,
      confidence: 'exact',
    });
    assert.deepEqual(matchParticipant(twins, { name: 'Amina Diallo', contingent: 'MALI' }), {
      entry: mali,
      confidence: 'exact',
    });
  });

  it('never picks between two people who match equally', () => {
    const senegal = entry('Amina Diallo', { contingent: 'Senegal', serviceNumber: 'S1' });
    const mali = entry('Amina Diallo', { contingent: 'Mali', serviceNumber: 'M1' });
    assert.equal(matchParticipant([senegal, mali], { name: 'Amina Diallo' }), null);
    assert.equal(matchParticipant([senegal, mali], { name: 'Amina Diallo', contingent: 'Niger' }), null);
    // Same name, no contingent to tell them apart.
    assert.equal(
      matchParticipant([entry('Li Wei'), entry('LI  WEI')], { name: 'Li Wei', contingent: 'China' }),
      null,
    );
    // Two likely matches of the same strength.
    const a = entry('Amina Binta Diallo');
    const b = entry('Amina Fatou Diallo');
    assert.equal(matchParticipant([a, b], { name: 'Amina Diallo' }), null);
    // An exact match in another contingent against a likely one in the right contingent: either could be right.
    const exactElsewhere = entry('Amina Diallo', { contingent: 'Mali' });
    const reorderedHere = entry('Diallo Amina', { contingent: 'Senegal' });
    assert.equal(
      matchParticipant([exactElsewhere, reorderedHere], { name: 'Amina Diallo', contingent: 'Senegal' }),
      null,
    );
  });

  it('prefers an exact name to a likely one', () => {
    const exact = entry('Amina Diallo');
    const longer = entry('Amina Binta Diallo');
    assert.deepEqual(matchParticipant([longer, exact], { name: 'Amina Diallo' }), {
      entry: exact,
      confidence: 'exact',
    });
  });

  it('lowers the confidence when the contingent or the role disagrees', () => {
    assert.deepEqual(matchParticipant(roster, { name: 'Amina Diallo', contingent: 'Mali' }), {
      entry: amina,
      confidence: 'likely',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Amina Diallo', role: 'police' }), {
      entry: amina,
      confidence: 'likely',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Amina Diallo', role: 'Militaire' }), {
      entry: amina,
      confidence: 'exact',
    });
    assert.deepEqual(matchParticipant(roster, { name: 'Amina Diallo', role: 'participant' }), {
      entry: amina,
      confidence: 'exact',
    });
  });

  it('uses the role as a tie-breaker', () => {
    const soldier = entry('Li Wei', { component: 'military' });
    const officer = entry('Li Wei', { component: 'police' });
    assert.deepEqual(matchParticipant([soldier, officer], { name: 'Li Wei', role: 'police' }), {
      entry: officer,
      confidence: 'exact',
    });
  });
});
