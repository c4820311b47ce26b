/** Pure transitions of a live session's state under the presenter's commands. */
import type { PersistedSessionState } from '../store/store.ts';
import { LiveError } from './errors.ts';
import type { Audience, Command } from './protocol.ts';

export interface SessionShape {
  slideCount: number;
  hasActivity: (id: string) => boolean;
}

export function initialState(audience: Audience): PersistedSessionState {
  return {
    slide: 0,
    black: false,
    joining: true,
    ended: false,
    audience,
    activity: null,
    timer: { elapsedMs: 0, runningSince: null },
    activityEpochs: {},
  };
}

export function timerElapsed(timer: PersistedSessionState['timer'], now: number): number {
  return timer.elapsedMs + (timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince));
}

/**
 * The state after a command. Commands that need the store or the whole session (moderate, merge,
 * assessment, mark) leave the state as it is; the session carries them out.
 */
export function applyCommand(
  state: PersistedSessionState,
  command: Command,
  shape: SessionShape,
  now: number,
): PersistedSessionState {
  if (state.ended && command.command !== 'end') throw new LiveError('SESSION_ENDED');
  switch (command.command) {
    case 'goto': {
      const slide = Math.min(Math.max(0, command.slide), shape.slideCount - 1);
      // The pacing timer starts with the first slide change, so preparation time is not counted.
      const timer =
        state.timer.runningSince === null && state.timer.elapsedMs === 0 && slide !== state.slide
          ? { elapsedMs: 0, runningSince: now }
          : state.timer;
      return { ...state, slide, timer };
    }
    case 'black':
      return { ...state, black: command.on };
    case 'open':
      if (!shape.hasActivity(command.activityId)) throw new LiveError('ACTIVITY_UNKNOWN', command.activityId);
      return { ...state, activity: { id: command.activityId, status: 'open' } };
    case 'close':
      if (!state.activity) throw new LiveError('ACTIVITY_NOT_OPEN');
      return { ...state, activity: { ...state.activity, status: 'closed' } };
    case 'reveal':
      if (!state.activity) throw new LiveError('ACTIVITY_NOT_OPEN');
      return { ...state, activity: { ...state.activity, status: 'revealed' } };
    case 'reset': {
      if (!state.activity) throw new LiveError('ACTIVITY_NOT_OPEN');
      const id = state.activity.id;
      const epochs = { ...state.activityEpochs, [id]: (state.activityEpochs[id] ?? 0) + 1 };
      return { ...state, activity: { id, status: 'open' }, activityEpochs: epochs };
    }
    case 'joining':
      return { ...state, joining: command.open };
    case 'audience':
      return { ...state, audience: command.audience };
    case 'timer':
      if (command.action === 'reset') return { ...state, timer: { elapsedMs: 0, runningSince: null } };
      if (command.action === 'pause') {
        return { ...state, timer: { elapsedMs: timerElapsed(state.timer, now), runningSince: null } };
      }
      return state.timer.runningSince === null
        ? { ...state, timer: { elapsedMs: state.timer.elapsedMs, runningSince: now } }
        : state;
    case 'end':
      return {
        ...state,
        ended: true,
        joining: false,
        activity:
          state.activity?.status === 'open' ? { ...state.activity, status: 'closed' } : state.activity,
        timer: { elapsedMs: timerElapsed(state.timer, now), runningSince: null },
      };
    case 'moderate':
    case 'merge':
    case 'assessment':
    case 'mark':
      return state;
  }
}
