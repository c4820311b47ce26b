/**
 * One catalogue of live-session and HTTP error codes: each has a stable code and an HTTP status.
 * Messages are looked up in the message catalogue by `error.<CODE>`.
 */
export const ERRORS = {
  MESSAGE_MALFORMED: 400,
  MESSAGE_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  NOT_AUTHENTICATED: 401,
  TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  SESSION_UNKNOWN: 404,
  JOIN_CODE_UNKNOWN: 404,
  JOINING_CLOSED: 409,
  SESSION_FULL: 409,
  SESSION_ENDED: 409,
  RECOVERY_CODE_UNKNOWN: 404,
  ACTIVITY_UNKNOWN: 404,
  ACTIVITY_NOT_OPEN: 409,
  RESPONSE_INVALID: 422,
  QUESTION_UNKNOWN: 404,
  QUESTION_LIMIT: 429,
  PARTICIPANT_UNKNOWN: 404,
  ATTEMPTS_USED: 409,
  NOT_FOUND: 404,
  INTERNAL: 500,
  // training records (src/server/records-routes.ts)
  LOGIN_FAILED: 401,
  LOGIN_THROTTLED: 429,
  ROSTER_INVALID: 422,
  ROSTER_ENTRY_TAKEN: 409,
  COHORT_DETAILS_MISSING: 409,
  SESSION_NOT_IN_COHORT: 409,
  COURSE_MISMATCH: 409,
  CONTENT_TYPE: 415,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class LiveError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.detail = detail;
  }
  get status(): number {
    return ERRORS[this.code];
  }
}
