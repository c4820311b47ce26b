/**
 * Where the self-paced player keeps progress and reports results. One player, several trackers:
 * the Lectern server (with an offline queue), SCORM 1.2, SCORM 2004 4th edition, and cmi5 / xAPI.
 */
import type { CompletionResult, SelfPacedProgress } from '../../selfpaced/self-paced-package.ts';

export interface LearnerIdentity {
  name: string;
}

export interface Tracker {
  /** A short name shown in diagnostics: 'lectern', 'scorm12', 'scorm2004', 'cmi5'. */
  readonly kind: string;
  /** Connects (LMSInitialize, cmi5 launch, …) and returns saved progress to resume, or null. */
  start(): Promise<{ learner: LearnerIdentity | null; progress: SelfPacedProgress | null }>;
  /** Saves progress (suspend data, location). Called after every change; must not lose the latest. */
  save(progress: SelfPacedProgress): Promise<void>;
  /** Reports an answered activity or item (xAPI "answered"; SCORM interactions). */
  answered(id: string, outcomes: string[], score: number | null, response: unknown): Promise<void>;
  /** Reports the assessment result: completion, score, pass/fail. */
  complete(result: CompletionResult): Promise<void>;
  /** Ends the attempt (LMSFinish / Terminate / cmi5 terminated), keeping it resumable when not passed. */
  finish(): Promise<void>;
}
