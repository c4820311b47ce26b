/**
 * An xAPI 1.0.3 statement as the specification defines it (xAPI-Data.md, part two, section 2), as a zod
 * schema: strict objects (an LRS rejects unknown properties), IRIs with a scheme, `mailto:` mboxes,
 * exactly one inverse functional identifier per agent, scores in range, ISO 8601 durations and
 * timestamps, RFC 4122 UUIDs, interaction components only where the interaction type has them.
 * Timestamps must carry a time zone (the specification says SHOULD; cmi5 says UTC).
 */
import { z } from 'zod';

const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const DURATION =
  /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;
const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
const MBOX = /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SHA1 = /^[0-9a-f]{40}$/i;

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;

const iri = z.string().regex(IRI, 'an absolute IRI');
const irl = iri.refine((v) => /^https?:\/\//i.test(v), 'an IRL (http or https)');
const uuid = z.string().regex(UUID, 'a UUID (RFC 4122)');
const languageMap = z.record(z.string().regex(LANGUAGE_TAG, 'an RFC 5646 language tag'), z.string());
const extensions = z.record(iri, z.unknown());
const timestamp = z
  .string()
  .regex(TIMESTAMP, 'an ISO 8601 date and time with a time zone')
  .refine((v) => !v.endsWith('-00:00') && !v.endsWith('-0000'), 'no -00:00 offset')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'a real date');

const account = z.strictObject({ homePage: irl, name: z.string().min(1) });

const ifiFields = {
  mbox: z.string().regex(MBOX, 'a mailto: IRI').optional(),
  mbox_sha1sum: z.string().regex(SHA1, 'a SHA-1 hex digest').optional(),
  openid: iri.optional(),
  account: account.optional(),
};

type IfiHolder = { mbox?: unknown; mbox_sha1sum?: unknown; openid?: unknown; account?: unknown };
function ifiCount(value: IfiHolder): number {
  return [value.mbox, value.mbox_sha1sum, value.openid, value.account].filter((v) => v !== undefined).length;
}

export const agentSchema = z
  .strictObject({ objectType: z.literal('Agent').optional(), name: z.string().optional(), ...ifiFields })
  .refine((a) => ifiCount(a) === 1, 'an agent has exactly one of mbox, mbox_sha1sum, openid, account');

export const groupSchema = z
  .strictObject({
    objectType: z.literal('Group'),
    name: z.string().optional(),
    member: z.array(agentSchema).optional(),
    ...ifiFields,
  })
  .refine((g) => ifiCount(g) <= 1, 'a group has at most one identifier')
  .refine((g) => ifiCount(g) === 1 || (g.member?.length ?? 0) > 0, 'an anonymous group lists its members');

const actorSchema = z.union([agentSchema, groupSchema]);

export const verbSchema = z.strictObject({ id: iri, display: languageMap.optional() });

const component = z.strictObject({ id: z.string().min(1), description: languageMap.optional() });
const COMPONENT_LISTS = {
  choices: ['choice', 'sequencing'],
  scale: ['likert'],
  source: ['matching'],
  target: ['matching'],
  steps: ['performance'],
} as const;

const definitionSchema = z
  .strictObject({
    name: languageMap.optional(),
    description: languageMap.optional(),
    type: iri.optional(),
    moreInfo: irl.optional(),
    extensions: extensions.optional(),
    interactionType: z.enum(INTERACTION_TYPES).optional(),
    correctResponsesPattern: z.array(z.string()).optional(),
    choices: z.array(component).optional(),
    scale: z.array(component).optional(),
    source: z.array(component).optional(),
    target: z.array(component).optional(),
    steps: z.array(component).optional(),
  })
  .superRefine((d, ctx) => {
    for (const [list, types] of Object.entries(COMPONENT_LISTS)) {
      const items = d[list as keyof typeof COMPONENT_LISTS];
      if (!items) continue;
      if (!d.interactionType || !(types as readonly string[]).includes(d.interactionType)) {
        ctx.addIssue({ code: 'custom', path: [list], message: `${list} only with interactionType ${types}` });
      }
      if (new Set(items.map((c) => c.id)).size !== items.length) {
        ctx.addIssue({ code: 'custom', path: [list], message: 'interaction component ids are unique' });
      }
    }
    if (d.correctResponsesPattern && !d.interactionType) {
      ctx.addIssue({
        code: 'custom',
        path: ['correctResponsesPattern'],
        message: 'only with interactionType',
      });
    }
  });

export const activitySchema = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: iri,
  definition: definitionSchema.optional(),
});

const statementRefSchema = z.strictObject({ objectType: z.literal('StatementRef'), id: uuid });

export const scoreSchema = z
  .strictObject({
    scaled: z.number().min(-1).max(1).optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((s) => s.min === undefined || s.max === undefined || s.min < s.max, 'min is less than max')
  .refine((s) => s.raw === undefined || s.min === undefined || s.raw >= s.min, 'raw is at least min')
  .refine((s) => s.raw === undefined || s.max === undefined || s.raw <= s.max, 'raw is at most max');

export const resultSchema = z.strictObject({
  score: scoreSchema.optional(),
  success: z.boolean().optional(),
  completion: z.boolean().optional(),
  response: z.string().optional(),
  duration: z.string().regex(DURATION, 'an ISO 8601 duration').optional(),
  extensions: extensions.optional(),
});

const activityList = z.union([activitySchema, z.array(activitySchema)]);

export const contextSchema = z.strictObject({
  registration: uuid.optional(),
  instructor: actorSchema.optional(),
  team: groupSchema.optional(),
  contextActivities: z
    .strictObject({
      parent: activityList.optional(),
      grouping: activityList.optional(),
      category: activityList.optional(),
      other: activityList.optional(),
    })
    .optional(),
  revision: z.string().optional(),
  platform: z.string().optional(),
  language: z.string().regex(LANGUAGE_TAG, 'an RFC 5646 language tag').optional(),
  statement: statementRefSchema.optional(),
  extensions: extensions.optional(),
});

const attachmentSchema = z.strictObject({
  usageType: iri,
  display: languageMap,
  description: languageMap.optional(),
  contentType: z.string().min(1),
  length: z.number().int().min(0),
  sha2: z.string().regex(/^[0-9a-f]{56,128}$/i, 'a SHA-2 hex digest'),
  fileUrl: irl.optional(),
});

const subStatementSchema = z.strictObject({
  objectType: z.literal('SubStatement'),
  actor: actorSchema,
  verb: verbSchema,
  object: z.union([activitySchema, agentSchema, groupSchema, statementRefSchema]),
  result: resultSchema.optional(),
  context: contextSchema.optional(),
  timestamp: timestamp.optional(),
  attachments: z.array(attachmentSchema).optional(),
});

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

export const statementSchema = z
  .strictObject({
    id: uuid.optional(),
    actor: actorSchema,
    verb: verbSchema,
    object: z.union([activitySchema, agentSchema, groupSchema, statementRefSchema, subStatementSchema]),
    result: resultSchema.optional(),
    context: contextSchema.optional(),
    timestamp: timestamp.optional(),
    stored: timestamp.optional(),
    authority: actorSchema.optional(),
    version: z
      .string()
      .regex(/^1\.0(\.\d+)?$/, 'a 1.0.x version')
      .optional(),
    attachments: z.array(attachmentSchema).optional(),
  })
  .superRefine((s, ctx) => {
    const objectType = (s.object as { objectType?: string }).objectType;
    const isActivity = objectType === undefined || objectType === 'Activity';
    if (!isActivity && (s.context?.revision !== undefined || s.context?.platform !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['context'],
        message: 'revision and platform only about an activity',
      });
    }
    if (s.verb.id === VOIDED && objectType !== 'StatementRef') {
      ctx.addIssue({
        code: 'custom',
        path: ['object'],
        message: 'a voiding statement is about a StatementRef',
      });
    }
  });

export type ValidStatement = z.infer<typeof statementSchema>;

/** Every problem of a would-be statement as "path: message"; empty when it is valid. */
export function statementProblems(value: unknown): string[] {
  const parsed = statementSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(statement)'}: ${issue.message}`);
}

export function isValidStatement(value: unknown): boolean {
  return statementSchema.safeParse(value).success;
}
