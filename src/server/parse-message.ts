/**
 * What a client sends, over HTTP or the WebSocket, checked against its zod schema. A failure is
 * MESSAGE_MALFORMED naming the first issue (`answers.q1.response: invalid_type`), the same wherever
 * it is refused, so that a view can show where its message went wrong.
 */
import type { z } from 'zod';
import { LiveError } from '../live/errors.ts';

/** `what` names the whole message when the issue has no path (`body`, `message`). */
export function parseMessage<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LiveError('MESSAGE_MALFORMED', issue ? `${issue.path.join('.') || what}: ${issue.code}` : what);
  }
  return parsed.data;
}
