import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { isoDateSchema, line, personRefSchema, prose } from './engagements.js';

/**
 * Conflict walls (issue #9, point 8). A provider person declares their employers (with dates) and
 * holdings; a client keeps a restricted list of entities (with their tickers) and names, on each
 * engagement, its target and the competitors its brief names. Before a provider person is put on
 * the team or granted a document, kpo checks the one rule (core/conflicts/rules.ts).
 *
 * The restricted list and an engagement's subjects are the client's alone: no provider-facing
 * response carries them (docs/security.md, "What never leaves the client").
 */

export const conflictKinds = [
  'current_employee_of_target',
  'current_employee_of_competitor',
  'former_employee_of_target_in_cooling_off',
  'holding_in_target',
] as const;
export const conflictKindSchema = z.enum(conflictKinds);
export type ConflictKindName = z.infer<typeof conflictKindSchema>;

export const restrictedKinds = ['target', 'competitor', 'restricted'] as const;
export const restrictedKindSchema = z.enum(restrictedKinds);
export type RestrictedKind = z.infer<typeof restrictedKindSchema>;

export const MAX_EMPLOYERS = 50;
export const MAX_HOLDINGS = 200;
export const MAX_RESTRICTED = 500;
export const MAX_COOLING_OFF_MONTHS = 60;

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const entityName = line(200);

// ---------- a person's declarations ----------

export const employerSchema = z
  .strictObject({
    entity: entityName,
    from: isoDateSchema,
    /** The last day worked; null while still employed there. */
    to: isoDateSchema.nullable(),
  })
  .refine((e) => e.to === null || e.from <= e.to, {
    message: 'The last day comes on or after the first.',
    path: ['to'],
    params: rule('date_order'),
  });
export type Employer = z.infer<typeof employerSchema>;

export const holdingSchema = z.strictObject({
  /** A company's name or a ticker (7203, 7203.T, TYO:7203 …). */
  entity: entityName,
});
export type Holding = z.infer<typeof holdingSchema>;

export const declarationsRequestSchema = z
  .strictObject({
    employers: z.array(employerSchema).max(MAX_EMPLOYERS),
    holdings: z.array(holdingSchema).max(MAX_HOLDINGS),
  })
  .meta({ id: 'ConflictDeclarationsRequest' });
export type DeclarationsRequest = z.infer<typeof declarationsRequestSchema>;

export const declarationsSchema = z
  .object({
    orgId: z.string(),
    employers: z.array(z.object({ entity: z.string(), from: z.string(), to: z.string().nullable() })),
    holdings: z.array(z.object({ entity: z.string() })),
    /** When the person last declared; null: never (nothing to check against yet). */
    declaredAt: z.string().nullable(),
  })
  .meta({ id: 'ConflictDeclarations' });
export type DeclarationsView = z.infer<typeof declarationsSchema>;

// ---------- a client's restricted list ----------

export const restrictedEntityInputSchema = z.strictObject({
  /** An entity already on the list keeps its id (an engagement names it by id); a new one has none. */
  id: uuid().optional(),
  name: entityName,
  aliases: z.array(entityName).max(20).default([]),
  tickers: z.array(line(30)).max(20).default([]),
  kind: restrictedKindSchema,
  note: prose(1000).default(''),
});

export const restrictedListRequestSchema = z
  .strictObject({
    coolingOffMonths: z.number().int().min(0).max(MAX_COOLING_OFF_MONTHS),
    entities: z.array(restrictedEntityInputSchema).max(MAX_RESTRICTED),
    /** The version read (0 before the first save): a list changed meanwhile is refused. */
    version: z.number().int().min(0),
  })
  .meta({ id: 'RestrictedListRequest' });
export type RestrictedListRequest = z.infer<typeof restrictedListRequestSchema>;

export const restrictedEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  tickers: z.array(z.string()),
  kind: restrictedKindSchema,
  note: z.string(),
});
export type RestrictedEntity = z.infer<typeof restrictedEntitySchema>;

export const restrictedListSchema = z
  .object({
    orgId: z.string(),
    coolingOffMonths: z.number().int(),
    version: z.number().int(),
    entities: z.array(restrictedEntitySchema.extend({ engagements: z.number().int() })),
  })
  .meta({ id: 'RestrictedList' });
export type RestrictedListView = z.infer<typeof restrictedListSchema>;

// ---------- an engagement's subjects ----------

export const subjectsRequestSchema = z
  .strictObject({
    targets: z.array(uuid()).max(20),
    competitors: z.array(uuid()).max(100),
  })
  .meta({ id: 'ConflictSubjectsRequest' });
export type SubjectsRequest = z.infer<typeof subjectsRequestSchema>;

const entityRefSchema = restrictedEntitySchema.pick({ id: true, name: true, aliases: true, tickers: true, kind: true });

export const subjectsSchema = z
  .object({
    targets: z.array(entityRefSchema),
    competitors: z.array(entityRefSchema),
    /** The client's restricted list to choose from. */
    choices: z.array(entityRefSchema),
    coolingOffMonths: z.number().int(),
    /** What the caller may do here (the server decides; the UI offers only these). */
    maySet: z.boolean(),
  })
  .meta({ id: 'ConflictSubjects' });
export type SubjectsView = z.infer<typeof subjectsSchema>;

// ---------- the report and overrides ----------

export const conflictSchema = z.object({
  kind: conflictKindSchema,
  entity: z.object({ id: z.string(), name: z.string() }),
  /** The declaration line that matched, as the person wrote it. */
  declared: z.object({ type: z.enum(['employer', 'holding']), entity: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
  coolingOffEnds: z.string().nullable(),
});
export type ConflictView = z.infer<typeof conflictSchema>;

export const overrideSchema = z.object({
  id: z.string(),
  by: personRefSchema,
  at: z.string(),
  reason: z.string(),
  /** The conflicts it lets through (`kind:entityId`); a new one blocks again. */
  covers: z.array(z.string()),
});

export const conflictReportSchema = z
  .object({
    today: z.string(),
    coolingOffMonths: z.number().int(),
    people: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        /**
         * On the engagement's team (lead, analyst); a manager of the provider, whom a team grant
         * reaches; or a candidate the walls refused here (who may need an override).
         */
        role: z.enum(['lead', 'analyst', 'manager', 'candidate']),
        declaredAt: z.string().nullable(),
        conflicts: z.array(conflictSchema),
        override: overrideSchema.nullable(),
        /** Some conflict no override covers: the person cannot be assigned or granted. */
        blocked: z.boolean(),
      }),
    ),
    mayOverride: z.boolean(),
  })
  .meta({ id: 'ConflictReport' });
export type ConflictReport = z.infer<typeof conflictReportSchema>;

export const overrideRequestSchema = z
  .strictObject({
    userId: uuid(),
    reason: prose(2000).refine((s) => s.trim().length > 0, { message: 'State why the wall is lifted.', params: rule('required') }),
  })
  .meta({ id: 'ConflictOverrideRequest' });
export type OverrideRequest = z.infer<typeof overrideRequestSchema>;
