/**
 * The fixed words of the PDF exports (headings, captions), in English and French. The course's own
 * text, including the symbols legend, comes from the course; these are only the words around it.
 */
import type { BlockKind } from '../../content/model.ts';
import type { InteractionType } from '../../content/schemas.ts';

export interface PdfLabels {
  instructorNotes: string;
  participantHandout: string;
  module: string;
  aim: string;
  audience: string;
  learningOutcomes: string;
  trainingSequence: string;
  duration: string;
  lecture: string;
  discussion: string;
  timing: string;
  minutes: string;
  methodology: string;
  instructorProfile: string;
  instructorPreparations: string;
  requiredReadings: string;
  equipment: string;
  materials: string;
  participantPreparations: string;
  additionalResources: string;
  materialsReferenced: string;
  symbolsLegend: string;
  sessionNotes: string;
  contents: string;
  slide: string;
  outcomesShort: string;
  answer: string;
  addition: string;
  audienceOnly: string;
  linkGone: string;
  activity: string;
  onReveal: string;
  keyMessages: string;
  chartSource: string;
  page: string;
  components: Record<'military' | 'police' | 'civilian', string>;
  /** Used only when the course's legend lacks a kind. */
  kinds: Record<BlockKind, string>;
  interactions: Record<InteractionType, string>;
}

const en: PdfLabels = {
  instructorNotes: 'Preparatory Notes to Instructors',
  participantHandout: 'Participant Handout',
  module: 'Module {n}',
  aim: 'Aim',
  audience: 'Audience',
  learningOutcomes: 'Learning Outcomes',
  trainingSequence: 'Training Sequence',
  duration: 'Duration',
  lecture: 'Lecture/Presentation',
  discussion: 'Questions/Discussion & Session Assessment',
  timing: 'Timing',
  minutes: '{n} min.',
  methodology: 'Methodology',
  instructorProfile: 'Instructor Profile',
  instructorPreparations: 'Instructor Preparations',
  requiredReadings: 'Required Readings',
  equipment: 'Equipment',
  materials: 'Materials',
  participantPreparations: 'Participant Preparations',
  additionalResources: 'Additional Resources',
  materialsReferenced: 'Materials Referenced in this Module',
  symbolsLegend: 'Symbols Legend',
  sessionNotes: 'Session Notes',
  contents: 'Contents',
  slide: 'Slide {n}',
  outcomesShort: 'Outcomes: {list}',
  answer: 'Answer:',
  addition: 'Lectern addition. Source: {cite}',
  audienceOnly: 'For: {list}',
  linkGone: '(link no longer available)',
  activity: 'Lectern activity ({type})',
  onReveal: 'On reveal:',
  keyMessages: 'Key Messages',
  chartSource: 'Source: {source}',
  page: 'Page {n} of {total}',
  components: { military: 'Military', police: 'Police', civilian: 'Civilian' },
  kinds: {
    note: 'Note to the Instructor',
    speaking: 'Speaking Points',
    mission: 'Mission Specific',
    example: 'Example',
    questions: 'Sample questions',
    handout: 'Handout',
    film: 'Film',
    'core-activity': 'Core Learning Activity',
    'optional-activity': 'Optional Learning Activity',
    'key-points': 'Key summary points',
  },
  interactions: {
    poll: 'poll',
    'single-choice': 'single choice',
    'multiple-choice': 'multiple choice',
    'true-false': 'true or false',
    'open-text': 'word cloud',
    'short-answer': 'short answer',
    sort: 'sort',
    classify: 'classify',
    match: 'match',
    order: 'order',
    qa: 'questions and answers',
  },
};

const fr: PdfLabels = {
  instructorNotes: 'Notes préparatoires à l’intention des instructeurs',
  participantHandout: 'Document à distribuer aux participants',
  module: 'Module {n}',
  aim: 'Objectif',
  audience: 'Public',
  learningOutcomes: 'Acquis d’apprentissage',
  trainingSequence: 'Séquence de formation',
  duration: 'Durée',
  lecture: 'Exposé/Présentation',
  discussion: 'Questions/Discussion et évaluation de la séance',
  timing: 'Durée',
  minutes: '{n} min',
  methodology: 'Méthodologie',
  instructorProfile: 'Profil de l’instructeur',
  instructorPreparations: 'Préparation de l’instructeur',
  requiredReadings: 'Lectures obligatoires',
  equipment: 'Équipement',
  materials: 'Matériel',
  participantPreparations: 'Préparation des participants',
  additionalResources: 'Ressources supplémentaires',
  materialsReferenced: 'Documents cités dans ce module',
  symbolsLegend: 'Légende des symboles',
  sessionNotes: 'Notes de séance',
  contents: 'Sommaire',
  slide: 'Diapositive {n}',
  outcomesShort: 'Acquis : {list}',
  answer: 'Réponse :',
  addition: 'Ajout de Lectern. Source : {cite}',
  audienceOnly: 'Pour : {list}',
  linkGone: '(lien qui n’est plus disponible)',
  activity: 'Activité Lectern ({type})',
  onReveal: 'À la révélation :',
  keyMessages: 'Messages clés',
  chartSource: 'Source : {source}',
  page: 'Page {n} sur {total}',
  components: { military: 'Militaires', police: 'Police', civilian: 'Civils' },
  kinds: {
    note: 'Note à l’instructeur',
    speaking: 'Points à aborder',
    mission: 'Spécifique à la mission',
    example: 'Exemple',
    questions: 'Exemples de questions',
    handout: 'Document à distribuer',
    film: 'Film',
    'core-activity': 'Activité d’apprentissage essentielle',
    'optional-activity': 'Activité d’apprentissage facultative',
    'key-points': 'Points clés à retenir',
  },
  interactions: {
    poll: 'sondage',
    'single-choice': 'choix unique',
    'multiple-choice': 'choix multiple',
    'true-false': 'vrai ou faux',
    'open-text': 'nuage de mots',
    'short-answer': 'réponse courte',
    sort: 'tri',
    classify: 'classement',
    match: 'association',
    order: 'mise en ordre',
    qa: 'questions et réponses',
  },
};

/** The labels for a course language; English for the languages not translated yet. */
export function pdfLabels(language: string): PdfLabels {
  return language === 'fr' ? fr : en;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The legend's name of a kind: its entry up to the explanation in brackets, e.g. "Speaking Points". */
export function kindName(legend: Record<string, string>, kind: BlockKind, labels: PdfLabels): string {
  const entry = legend[kind];
  if (!entry) return labels.kinds[kind];
  const cut = entry.indexOf(' (');
  return (cut > 0 ? entry.slice(0, cut) : entry).trim();
}

/** The explanation part of a legend entry (without its brackets), or '' if it has none. */
export function kindExplanation(legend: Record<string, string>, kind: BlockKind): string {
  const entry = legend[kind] ?? '';
  const cut = entry.indexOf(' (');
  if (cut < 0) return '';
  return entry
    .slice(cut + 2)
    .replace(/\)\s*$/, '')
    .trim();
}
