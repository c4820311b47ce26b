/**
 * xAPI 1.0.3 statements as Lectern makes them: pure builders (ids and timestamps come in, nothing is
 * read from a clock or a random source unless `newUuid` is called), used by the cmi5 tracker in the
 * browser and by live sessions on the server. Verbs are the ADL / cmi5 IRIs; activity ids are
 * `<base>/courses/<course>/activities/<id>` with a configurable base.
 */
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';
import { type InteractionModel, interactionModel, pattern2004 } from '../scorm/interactions.ts';

export const XAPI_VERSION = '1.0.3';
/** Where Lectern's IRIs live unless an export or a server names another base. */
export const DEFAULT_XAPI_BASE = 'https://lectern.example';

export type LanguageMap = Record<string, string>;

export interface Account {
  homePage: string;
  name: string;
}

export interface Agent {
  objectType?: 'Agent';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: Account;
}

export interface Verb {
  id: string;
  display: LanguageMap;
}

export interface InteractionComponentJson {
  id: string;
  description: LanguageMap;
}

export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  moreInfo?: string;
  extensions?: Record<string, unknown>;
  interactionType?: string;
  correctResponsesPattern?: string[];
  choices?: InteractionComponentJson[];
  scale?: InteractionComponentJson[];
  source?: InteractionComponentJson[];
  target?: InteractionComponentJson[];
  steps?: InteractionComponentJson[];
}

export interface Activity {
  objectType?: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}

export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

export interface Context {
  registration?: string;
  contextActivities?: ContextActivities;
  revision?: string;
  platform?: string;
  language?: string;
  extensions?: Record<string, unknown>;
}

export interface Statement {
  id: string;
  actor: Agent;
  verb: Verb;
  object: Activity;
  result?: Result;
  context?: Context;
  timestamp: string;
}

// ── vocabularies ─────────────────────────────────────────────────────────────────────────────────

const ADL = 'http://adlnet.gov/expapi/verbs/';
const W3ID_ADL = 'https://w3id.org/xapi/adl/verbs/';

export const VERBS = {
  launched: { id: `${ADL}launched`, display: { 'en-US': 'launched' } },
  initialized: { id: `${ADL}initialized`, display: { 'en-US': 'initialized' } },
  completed: { id: `${ADL}completed`, display: { 'en-US': 'completed' } },
  passed: { id: `${ADL}passed`, display: { 'en-US': 'passed' } },
  failed: { id: `${ADL}failed`, display: { 'en-US': 'failed' } },
  terminated: { id: `${ADL}terminated`, display: { 'en-US': 'terminated' } },
  answered: { id: `${ADL}answered`, display: { 'en-US': 'answered' } },
  attended: { id: `${ADL}attended`, display: { 'en-US': 'attended' } },
  abandoned: { id: `${W3ID_ADL}abandoned`, display: { 'en-US': 'abandoned' } },
  waived: { id: `${W3ID_ADL}waived`, display: { 'en-US': 'waived' } },
  satisfied: { id: `${W3ID_ADL}satisfied`, display: { 'en-US': 'satisfied' } },
} as const satisfies Record<string, Verb>;

export type VerbName = keyof typeof VERBS;

/** The verbs cmi5 defines for an AU to send. */
export const CMI5_AU_VERBS = ['initialized', 'completed', 'passed', 'failed', 'terminated'] as const;
export type Cmi5AuVerb = (typeof CMI5_AU_VERBS)[number];

export const CMI5 = {
  categoryCmi5: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  categoryMoveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  progress: 'https://w3id.org/xapi/cmi5/result/extensions/progress',
  reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
  launchDataStateId: 'LMS.LaunchData',
  learnerPreferencesProfileId: 'cmi5LearnerPreferences',
} as const;

export const ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  objective: 'http://adlnet.gov/expapi/activities/objective',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
} as const;

// ── identifiers ──────────────────────────────────────────────────────────────────────────────────

function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

export function courseIri(base: string, courseId: string): string {
  return `${trimBase(base)}/courses/${encodeURIComponent(courseId)}`;
}

export function activityIri(base: string, courseId: string, id: string): string {
  return `${courseIri(base, courseId)}/activities/${encodeURIComponent(id)}`;
}

export function outcomeIri(base: string, courseId: string, outcomeId: string): string {
  return `${courseIri(base, courseId)}/outcomes/${encodeURIComponent(outcomeId)}`;
}

export function sessionIri(base: string, courseId: string, sessionId: string): string {
  return `${courseIri(base, courseId)}/sessions/${encodeURIComponent(sessionId)}`;
}

/** The self-paced module as one cmi5 AU: its publisher id in cmi5.xml. */
export function auIri(base: string, courseId: string): string {
  return `${courseIri(base, courseId)}/self-paced`;
}

/** Lectern's own context extension: the learning outcome ids an answer counts for. */
export function outcomesExtension(base: string): string {
  return `${trimBase(base)}/xapi/extensions/outcomes`;
}

/** A version 4 UUID from the platform's random source (Node and browsers, secure context or not). */
export function newUuid(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An ISO 8601 duration to the hundredth of a second, e.g. PT1H2M3.45S. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds}S`;
}

/** A score in [0, 1] rounded to 4 decimals (what cmi5 gives a mastery score). */
export function scaled(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 10_000) / 10_000;
}

// ── contexts ─────────────────────────────────────────────────────────────────────────────────────

const LISTS = ['parent', 'grouping', 'category', 'other'] as const;

/**
 * `additions` merged into `template` without overwriting anything of the template (cmi5 §10: the AU
 * may add to the context template but not change it): activity lists are appended (no duplicate ids),
 * extensions and other properties are added only where the template has none.
 */
export function mergeContext(template: Context | undefined, additions: Context): Context {
  const base: Context = structuredClone(template ?? {});
  const out: Context = { ...additions, ...base };
  const lists: ContextActivities = { ...(base.contextActivities ?? {}) };
  for (const name of LISTS) {
    const extra = additions.contextActivities?.[name] ?? [];
    if (extra.length === 0) continue;
    const list = [...(lists[name] ?? [])];
    for (const activity of extra) if (!list.some((a) => a.id === activity.id)) list.push(activity);
    lists[name] = list;
  }
  if (Object.keys(lists).length > 0) out.contextActivities = lists;
  const extensions = { ...(additions.extensions ?? {}), ...(base.extensions ?? {}) };
  if (Object.keys(extensions).length > 0) out.extensions = extensions;
  return out;
}

// ── interactions ─────────────────────────────────────────────────────────────────────────────────

export interface InteractionInput {
  base: string;
  courseId: string;
  /** RFC 5646 tag of the course language, for language maps. */
  lang: string;
  view: PublicActivity;
  key: AnswerKey | null;
}

function components(lang: string, list: { id: string; text: string }[] | undefined) {
  return (list ?? []).map((c) => ({ id: c.id, description: { [lang]: c.text } }));
}

/** The activity of a question or exercise, with its cmi.interaction definition. */
export function interactionActivity(input: InteractionInput, model?: InteractionModel): Activity {
  const m = model ?? interactionModel(input.view, input.key, null);
  const definition: ActivityDefinition = {
    name: { [input.lang]: input.view.prompt || input.view.id },
    type: ACTIVITY_TYPES.interaction,
    interactionType: m.kind,
  };
  if (m.correct) definition.correctResponsesPattern = [pattern2004(m.correct, m.kind)];
  if (m.choices) definition.choices = components(input.lang, m.choices);
  if (m.source) definition.source = components(input.lang, m.source);
  if (m.target) definition.target = components(input.lang, m.target);
  return {
    objectType: 'Activity',
    id: activityIri(input.base, input.courseId, input.view.id),
    definition,
  };
}

export interface AnsweredInput extends InteractionInput {
  id: string;
  timestamp: string;
  actor: Agent;
  response: unknown;
  /** 0..1 when the response is scored automatically. */
  score: number | null;
  outcomes: string[];
  /** The context the statement starts from: a cmi5 context template, or a live session's context. */
  context?: Context;
  /** The activity the question belongs to (the AU, or the course), as context parent. */
  parent?: Activity;
}

/**
 * "answered": the response in the characterstring notation, the score when scored (success when fully
 * right), the learning outcomes as an extension and as objective activities in `grouping`.
 */
export function answeredStatement(input: AnsweredInput): Statement {
  const model = interactionModel(input.view, input.key, input.response);
  const result: Result = {};
  if (model.response) result.response = pattern2004(model.response, model.kind);
  if (input.score !== null) {
    result.score = { scaled: scaled(input.score) };
    result.success = input.score >= 1 - 1e-9;
  }
  result.completion = true;
  const grouping = input.outcomes.map((o) => ({
    objectType: 'Activity' as const,
    id: outcomeIri(input.base, input.courseId, o),
    definition: { type: ACTIVITY_TYPES.objective },
  }));
  const context = mergeContext(input.context, {
    contextActivities: {
      ...(input.parent ? { parent: [input.parent] } : {}),
      ...(grouping.length > 0 ? { grouping } : {}),
    },
    extensions: { [outcomesExtension(input.base)]: input.outcomes },
    language: input.lang,
  });
  return {
    id: input.id,
    actor: input.actor,
    verb: VERBS.answered,
    object: interactionActivity(input, model),
    result,
    context,
    timestamp: input.timestamp,
  };
}

// ── cmi5 defined statements ──────────────────────────────────────────────────────────────────────

export interface Cmi5Input {
  id: string;
  timestamp: string;
  actor: Agent;
  verb: Cmi5AuVerb;
  /** The launch `activityId`: the object of every cmi5 defined statement. */
  activityId: string;
  registration: string;
  /** The `contextTemplate` of LMS.LaunchData (holds the session id and the publisher id). */
  contextTemplate: Context | undefined;
  /** Milliseconds: required on completed, passed, failed and terminated. */
  durationMs?: number;
  /** passed and failed: 0..1. */
  score?: number;
  /** passed and failed judged against the LMS's mastery score. */
  masteryScore?: number;
  /** 0..100 (never on completed). */
  progress?: number;
}

/**
 * A cmi5 defined statement (cmi5 §9): the AU as object, the context template plus the cmi5 category
 * (and moveon where the result carries success or completion), success/completion/score only where
 * §9.5 allows them.
 */
export function cmi5Statement(input: Cmi5Input): Statement {
  const result: Result = {};
  if (input.verb === 'passed' || input.verb === 'failed') {
    if (input.score !== undefined) {
      const value = scaled(input.score);
      result.score = { scaled: value, raw: Math.round(value * 100), min: 0, max: 100 };
    }
    result.success = input.verb === 'passed';
  }
  if (input.verb === 'completed') result.completion = true;
  if (input.durationMs !== undefined) result.duration = isoDuration(input.durationMs);
  if (input.progress !== undefined && input.verb !== 'completed') {
    result.extensions = { [CMI5.progress]: Math.round(Math.min(100, Math.max(0, input.progress))) };
  }
  const moveOn = result.success !== undefined || result.completion !== undefined;
  const category: Activity[] = [{ objectType: 'Activity', id: CMI5.categoryCmi5 }];
  if (moveOn) category.push({ objectType: 'Activity', id: CMI5.categoryMoveOn });
  const extensions: Record<string, unknown> = {};
  if ((input.verb === 'passed' || input.verb === 'failed') && input.masteryScore !== undefined) {
    extensions[CMI5.masteryScore] = input.masteryScore;
  }
  const context = mergeContext(input.contextTemplate, {
    registration: input.registration,
    contextActivities: { category },
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  });
  const statement: Statement = {
    id: input.id,
    actor: input.actor,
    verb: VERBS[input.verb],
    object: { objectType: 'Activity', id: input.activityId },
    context,
    timestamp: input.timestamp,
  };
  if (Object.keys(result).length > 0) statement.result = result;
  return statement;
}

/** A cmi5 allowed statement's context: the template and the registration, no cmi5 category. */
export function cmi5AllowedContext(contextTemplate: Context | undefined, registration: string): Context {
  return mergeContext(contextTemplate, { registration });
}

// ── live sessions ────────────────────────────────────────────────────────────────────────────────

/** A live participant as an xAPI agent: an account on the Lectern server, no name unless given. */
export function liveActor(homePage: string, participantId: string, name?: string): Agent {
  return {
    objectType: 'Agent',
    ...(name ? { name } : {}),
    account: { homePage, name: participantId },
  };
}

/** The context of a live session's statements: the course as parent, the session as grouping. */
export function liveContext(base: string, courseId: string, sessionId: string, lang: string): Context {
  return {
    contextActivities: {
      parent: [
        {
          objectType: 'Activity',
          id: courseIri(base, courseId),
          definition: { type: ACTIVITY_TYPES.course },
        },
      ],
      grouping: [
        {
          objectType: 'Activity',
          id: sessionIri(base, courseId, sessionId),
          definition: { type: ACTIVITY_TYPES.meeting },
        },
      ],
    },
    language: lang,
  };
}

export interface LiveAnsweredInput {
  base: string;
  courseId: string;
  lang: string;
  sessionId: string;
  actor: Agent;
  view: PublicActivity;
  key: AnswerKey | null;
  response: unknown;
  score: number | null;
  outcomes: string[];
  id: string;
  timestamp: string;
}

/** A live participant's answer as an xAPI "answered" statement. */
export function liveAnsweredStatement(input: LiveAnsweredInput): Statement {
  return answeredStatement({
    ...input,
    context: liveContext(input.base, input.courseId, input.sessionId, input.lang),
  });
}

export interface LiveResultInput {
  base: string;
  courseId: string;
  lang: string;
  sessionId: string;
  actor: Agent;
  verb: 'attended' | 'completed' | 'passed' | 'failed';
  /** 0..1, for passed and failed. */
  score?: number;
  durationMs?: number;
  id: string;
  timestamp: string;
}

/** A live participant's attendance, completion or assessment result, about the course. */
export function liveResultStatement(input: LiveResultInput): Statement {
  const result: Result = {};
  if (input.score !== undefined) result.score = { scaled: scaled(input.score) };
  if (input.verb === 'passed' || input.verb === 'failed') result.success = input.verb === 'passed';
  if (input.verb === 'completed') result.completion = true;
  if (input.durationMs !== undefined) result.duration = isoDuration(input.durationMs);
  // The course is the object here, so it is no parent of itself: only the session groups the statement.
  const { parent: _course, ...lists } =
    liveContext(input.base, input.courseId, input.sessionId, input.lang).contextActivities ?? {};
  const context: Context = { contextActivities: lists, language: input.lang };
  const statement: Statement = {
    id: input.id,
    actor: input.actor,
    verb: VERBS[input.verb],
    object: {
      objectType: 'Activity',
      id: courseIri(input.base, input.courseId),
      definition: { type: ACTIVITY_TYPES.course },
    },
    context,
    timestamp: input.timestamp,
  };
  if (Object.keys(result).length > 0) statement.result = result;
  return statement;
}
