/**
 * Live sessions to a Learning Record Store: each participant's answer as an xAPI "answered"
 * statement (the question as a cmi.interaction activity, the response, the score where it is scored,
 * the learning outcomes), and attendance or assessment results, sent through the LRS client.
 *
 * The server calls it with ids only; the activity views, keys and outcomes come from the course.
 * Statement ids are derived from what identifies the event (a resent answer gets the same id, which
 * the LRS keeps once). Participants are agents with an account on the Lectern server, named only when
 * `names` is set. With no LRS it does nothing, and it never throws.
 */
import { createHash } from 'node:crypto';
import { type Activity, allActivities, type Course, type Item } from '../../content/model.ts';
import { type AnswerKey, answerKey, type PublicActivity, publicActivity } from '../../live/activity-view.ts';
import type { Response } from '../../live/protocol.ts';
import { score } from '../../live/scoring.ts';
import type { LrsClient } from './lrs-client.ts';
import { DEFAULT_XAPI_BASE, liveActor, liveAnsweredStatement, liveResultStatement } from './statements.ts';

export interface LiveXapiOptions {
  course: Course;
  lrs: LrsClient;
  /**
   * The server's public address: the home page of the participants' accounts. A function when it is
   * known only once the server listens.
   */
  homePage: string | (() => string);
  /** Base of the IRIs. Default https://lectern.example. */
  base?: string;
  /** Put participants' display names in the statements (default: ids only). */
  names?: boolean;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface LiveParticipant {
  id: string;
  name?: string;
}

export interface LiveXapi {
  readonly enabled: boolean;
  /** A participant's answer, as recorded. */
  answered(input: {
    sessionId: string;
    participant: LiveParticipant;
    activityId: string;
    response: Response;
    /** The answer's own id (the client id): a resend gives the same statement id. */
    answerId: string;
  }): void;
  /** Attendance, completion or the assessment's result, about the course. */
  result(input: {
    sessionId: string;
    participant: LiveParticipant;
    verb: 'attended' | 'completed' | 'passed' | 'failed';
    score?: number;
    durationMs?: number;
  }): void;
  /** Sends what is queued (for at most `timeoutMs`). */
  close(timeoutMs?: number): Promise<void>;
}

/** A name-based UUID (version 5 layout over SHA-1), the same for the same parts. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Entry {
  view: PublicActivity;
  key: AnswerKey | null;
  outcomes: string[];
}

const DISABLED: LiveXapi = { enabled: false, answered: () => {}, result: () => {}, close: async () => {} };

export function createLiveXapi(options: LiveXapiOptions): LiveXapi {
  if (!options.lrs.enabled) return DISABLED;
  const { course, lrs, homePage } = options;
  const base = options.base ?? DEFAULT_XAPI_BASE;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(`lectern: xAPI: ${message}`, error ?? ''));
  const lang = course.meta.language;
  const entries = new Map<string, Entry>();
  const items: (Activity | Item)[] = [...allActivities(course), ...course.items];
  for (const a of items) {
    entries.set(a.id, {
      view: publicActivity(a, course),
      key: answerKey(a, course) ?? null,
      outcomes: [...a.outcomes],
    });
  }
  const home = () => (typeof homePage === 'function' ? homePage() : homePage);
  const actor = (p: LiveParticipant) => liveActor(home(), p.id, options.names ? p.name : undefined);

  return {
    enabled: true,
    answered({ sessionId, participant, activityId, response, answerId }) {
      try {
        const entry = entries.get(activityId);
        if (!entry) return;
        lrs.send(
          liveAnsweredStatement({
            base,
            courseId: course.meta.id,
            lang,
            sessionId,
            actor: actor(participant),
            view: entry.view,
            key: entry.key,
            response,
            score: score(entry.view, entry.key ?? undefined, response) ?? null,
            outcomes: entry.outcomes,
            id: stableUuid('answered', sessionId, participant.id, activityId, answerId),
            timestamp: new Date(now()).toISOString(),
          }),
        );
      } catch (error) {
        log('could not make an answered statement', error);
      }
    },
    result({ sessionId, participant, verb, score: value, durationMs }) {
      try {
        lrs.send(
          liveResultStatement({
            base,
            courseId: course.meta.id,
            lang,
            sessionId,
            actor: actor(participant),
            verb,
            ...(value === undefined ? {} : { score: value }),
            ...(durationMs === undefined ? {} : { durationMs }),
            id: stableUuid(verb, sessionId, participant.id),
            timestamp: new Date(now()).toISOString(),
          }),
        );
      } catch (error) {
        log(`could not make a ${verb} statement`, error);
      }
    },
    close: (timeoutMs = 5000) => lrs.close(timeoutMs),
  };
}
