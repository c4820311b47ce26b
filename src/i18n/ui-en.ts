/** Messages of the browser views (English). Keys start with `ui.`; sent to the page as JSON. */
export const uiEn = {
  'ui.title.participant': 'Lectern: join the session',
  'ui.title.presenter': 'Lectern: presenter',
  'ui.title.projector': 'Lectern: projector',
  'ui.title.prepare': 'Lectern: prepare a session',

  'ui.error.MESSAGE_MALFORMED': 'The app sent something the server did not understand. Reload the page.',
  'ui.error.MESSAGE_TOO_LARGE': 'That is too long to send.',
  'ui.error.RATE_LIMITED': 'Too many actions at once. Wait a moment.',
  'ui.error.NOT_AUTHENTICATED': 'Join the session first.',
  'ui.error.TOKEN_INVALID': 'This link or device is not recognised for this session.',
  'ui.error.FORBIDDEN': 'Only the presenter can do that.',
  'ui.error.SESSION_UNKNOWN': 'This session does not exist on this server.',
  'ui.error.JOIN_CODE_UNKNOWN': 'No session has that code. Check the code on the screen.',
  'ui.error.JOINING_CLOSED': 'Joining is closed for this session. Ask the instructor.',
  'ui.error.SESSION_FULL': 'This session is full.',
  'ui.error.SESSION_ENDED': 'This session has ended.',
  'ui.error.RECOVERY_CODE_UNKNOWN': 'That recovery code is not known in this session.',
  'ui.error.ACTIVITY_UNKNOWN': 'This activity does not exist.',
  'ui.error.ACTIVITY_NOT_OPEN': 'This activity is not open for answers.',
  'ui.error.RESPONSE_INVALID': 'This answer is not complete. Check it and send it again.',
  'ui.error.QUESTION_UNKNOWN': 'That question is no longer on the board.',
  'ui.error.QUESTION_LIMIT': 'You have asked the most questions allowed.',
  'ui.error.PARTICIPANT_UNKNOWN': 'That participant is not in this session.',
  'ui.error.NOT_FOUND': 'Not found.',
  'ui.error.INTERNAL': 'Something went wrong on the server. Your answer is kept and will be sent again.',
} as const satisfies Record<`ui.${string}`, string>;

export type UiKey = keyof typeof uiEn;
