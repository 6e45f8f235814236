import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date or ISO string and read back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface OrganizationsTable {
  id: string;
  name: string;
  kind: 'client' | 'provider' | 'operator';
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: 'ja' | 'en' | null;
  status: 'active' | 'disabled';
  created_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  org_id: string;
  roles: string[];
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  email: string;
  roles: string[];
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  revoked_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  active_org_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  org_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
  /** Refused by the throttle before the password was checked (0009). */
  throttled: Generated<boolean>;
}

export interface AuditEventsTable {
  /** Order of insertion (a sequence). */
  pos: Generated<number>;
  /** The place in the chain; null (with prev_hash and hash) until the event is sealed. */
  seq: number | null;
  id: string;
  occurred_at: Timestamp;
  type: string;
  actor_user_id: string | null;
  actor_label: string;
  org_id: string | null;
  party_org_id: Generated<string | null>;
  resource_type: string;
  resource_id: string;
  data: ColumnType<Record<string, unknown>, string, never>;
  ip: string | null;
  request_id: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditHeadTable {
  singleton: boolean;
  seq: number;
  hash: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

type Json<T = unknown> = ColumnType<T, string, string>;
type NullableDate = ColumnType<string | null, string | null, string | null>;
/** PostgreSQL `date` columns are read as YYYY-MM-DD strings (see database.ts). */
type DateOnly = ColumnType<string, string, string>;

export interface EngagementsTable {
  id: string;
  client_org_id: string;
  type: string;
  title: string;
  code_name: string | null;
  objectives: string;
  scope: string;
  expected_deliverables: Json<string[]>;
  classification: string;
  budget_amount: number | null;
  budget_currency: string | null;
  target_start: DateOnly;
  target_end: DateOnly;
  status: string;
  held_from: string | null;
  awarded_provider_org_id: string | null;
  awarded_proposal_id: string | null;
  owner_user_id: string;
  work_started_at: NullableTimestamp;
  work_ended_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  next_update_due_at: NullableTimestamp;
  next_answer_due_at: NullableTimestamp;
  next_review_due_at: NullableTimestamp;
  next_milestone_due: NullableDate;
  progress_pct: number | null;
  rag: string | null;
  over_budget: Generated<boolean>;
  update_reminder_for: NullableTimestamp;
  sla_check_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface EngagementProvidersTable {
  engagement_id: string;
  provider_org_id: string;
  status: string;
  invited_at: Timestamp;
  invited_by: string | null;
  status_changed_at: Timestamp;
}

/** The names the list searches, kept by triggers from engagements (migration 0036): their indexes are written only when a name changes. */
export interface EngagementNamesTable {
  engagement_id: string;
  title: string;
  code_name: string | null;
}

/** Kept by triggers (migration 0030): who stands on an engagement and what their list row shows. */
export interface EngagementVisibilityTable {
  org_id: string;
  engagement_id: string;
  activity_at: Timestamp;
  shown_status: string | null;
  bid_over: boolean;
}

/** A provider's median answer time across its engagements, kept for a while (migration 0034). */
export interface ProviderAnswerStatsTable {
  provider_org_id: string;
  median_answer_hours: number | null;
  computed_at: Timestamp;
}

export interface EngagementTeamTable {
  engagement_id: string;
  user_id: string;
  side: string;
  role: string;
  assigned_at: Timestamp;
}

export interface ProposalsTable {
  id: string;
  engagement_id: string;
  provider_org_id: string;
  status: string;
  content: Json;
  fee_amount: number;
  fee_currency: string;
  submitted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SowVersionsTable {
  engagement_id: string;
  version: number;
  content: Json;
  reason: string;
  change_request_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  client_approved_by: string | null;
  client_approved_at: NullableTimestamp;
  provider_approved_by: string | null;
  provider_approved_at: NullableTimestamp;
}

export interface MilestonesTable {
  id: string;
  engagement_id: string;
  key: string;
  position: number;
  title: string;
  baseline_due_date: DateOnly;
  due_date: DateOnly;
  weight: ColumnType<number, number, number>;
  deliverables: Json<string[]>;
  status: string;
  started_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  rework_rounds: Generated<number>;
}

export interface MilestoneReviewsTable {
  id: string;
  milestone_id: string;
  engagement_id: string;
  kind: string;
  at: Timestamp;
  by_user_id: string | null;
  comment: string | null;
}

export interface StatusUpdatesTable {
  id: string;
  engagement_id: string;
  author_user_id: string;
  posted_at: Timestamp;
  progress_pct: number;
  rag: string;
  done: string;
  next: string;
  blockers: string;
  risks: string;
  hours_spent: number | null;
  due_at: NullableTimestamp;
}

export interface QuestionsTable {
  id: string;
  engagement_id: string;
  title: string;
  body: string;
  asked_by: string;
  asked_by_side: string;
  assignee_user_id: string | null;
  asked_at: Timestamp;
  due_at: Timestamp;
  status: string;
  answered_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface QuestionMessagesTable {
  id: string;
  question_id: string;
  author_user_id: string;
  side: string;
  body: string;
  at: Timestamp;
}

export interface ChangeRequestsTable {
  id: string;
  engagement_id: string;
  summary: string;
  reason: string;
  changes: Json;
  proposed_by: string;
  proposed_by_side: string;
  proposed_at: Timestamp;
  status: string;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  comment: string | null;
  resulting_sow_version: number | null;
}

export interface SlaBreachesTable {
  engagement_id: string;
  kind: string;
  subject_id: string;
  due_at: Timestamp;
  side: string;
  detected_at: Timestamp;
  escalated_at: NullableTimestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** The organisation the person is told in (null only on rows older than migration 0008 it could not place). */
  org_id: string | null;
  kind: string;
  engagement_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  /** Plain: only rows from before migration 0012 that kpo has not sealed yet. */
  secret: string | null;
  /** Encrypted under the master key (src/infra/crypto/master-key.ts). */
  secret_sealed: string | null;
  kinds: string[];
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
}

export interface NotificationDeliveriesTable {
  id: string;
  notification_id: string | null;
  event_id: string;
  kind: string;
  channel: 'email' | 'webhook';
  target: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<
    'pending' | 'delivered' | 'failed',
    'pending' | 'delivered' | 'failed' | undefined,
    'pending' | 'delivered' | 'failed'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  claim_token: string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface SurveyDatasetsTable {
  id: string;
  engagement_id: string;
  name: string;
  latest_version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyDatasetVersionsTable {
  dataset_id: string;
  version: number;
  codebook_sealed: string;
  document_id: string;
  document_version: number;
  sheet: string | null;
  encoding: string | null;
  respondents: number;
  questions: number;
  note: string;
  saved_by: string;
  saved_at: Timestamp;
}

export interface SurveyCodeframesTable {
  id: string;
  dataset_id: string;
  dataset_version: number;
  question: string;
  latest_version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyCodeframeVersionsTable {
  codeframe_id: string;
  version: number;
  codes_sealed: string;
  saved_by: string;
  saved_at: Timestamp;
}

export interface SurveyCodingOverridesTable {
  codeframe_id: string;
  respondent: number;
  codes: ColumnType<string[], string, string>;
  set_by: string;
  set_at: Timestamp;
}

export interface SurveyWeightingsTable {
  id: string;
  dataset_id: string;
  dataset_version: number;
  name: string;
  targets: ColumnType<unknown, string, string>;
  options: ColumnType<unknown, string, string>;
  report: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: Timestamp;
}

export interface ResearchCanvasesTable {
  id: string;
  engagement_id: string;
  kind: 'sizing' | 'competitors';
  title: string;
  latest_version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResearchCanvasVersionsTable {
  canvas_id: string;
  version: number;
  body: ColumnType<unknown, string, string>;
  note: string;
  saved_by: string;
  saved_at: Timestamp;
}

export interface FinancialModelsTable {
  id: string;
  engagement_id: string;
  name: string;
  currency: string;
  latest_version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FinancialModelVersionsTable {
  model_id: string;
  version: number;
  document: ColumnType<unknown, string, string>;
  sha256: string;
  note: string;
  value_per_share: number | null;
  enterprise_value: number | null;
  check_status: 'pass' | 'warn' | 'fail';
  saved_by: string;
  saved_at: Timestamp;
  shared_at: NullableTimestamp;
  shared_by: string | null;
  share_reason: string | null;
}

export interface FinancialModelCommentsTable {
  id: string;
  seq: Generated<string>;
  model_id: string;
  version: number;
  author_id: string;
  author_side: 'client' | 'provider';
  body: string;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  fingerprint: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface VaultKeysTable {
  engagement_id: string;
  key_id: string;
  sealed_key: string | null;
  created_at: Timestamp;
  destroyed_at: NullableTimestamp;
  destroyed_by: string | null;
}

export interface VaultBlobsTable {
  id: string;
  engagement_id: string;
  created_at: Timestamp;
  complete: Generated<boolean>;
}

export interface VaultBlobChunksTable {
  blob_id: string;
  seq: number;
  data: Uint8Array;
}

export interface DocumentsTable {
  id: string;
  engagement_id: string;
  name: string;
  name_key: string;
  classification: 'public' | 'internal' | 'confidential' | 'strictly_confidential';
  uploaded_side: 'client' | 'provider';
  source_document_id: string | null;
  latest_version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  destroyed_at: NullableTimestamp;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  blob_id: string;
  kind: string;
  media_type: string;
  /** bigint: both drivers return a string. */
  size_bytes: ColumnType<string, number | string, number | string>;
  sha256: string;
  note: Generated<string>;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface DocumentGrantsTable {
  id: string;
  document_id: string;
  engagement_id: string;
  grantee_kind: 'user' | 'team';
  grantee_user_id: string | null;
  access: 'view' | 'download';
  granted_by: string | null;
  granted_at: Timestamp;
  expires_at: Timestamp;
  ended_at: NullableTimestamp;
  ended_by: string | null;
  end_reason: 'revoked' | 'engagement_ended' | 'destroyed' | null;
  last_used_at: NullableTimestamp;
}

export interface DocumentAccessesTable {
  id: string;
  document_id: string;
  version: number;
  engagement_id: string;
  user_id: string | null;
  org_id: string | null;
  grant_id: string | null;
  mode: 'view' | 'download';
  watermarked: boolean;
  at: Timestamp;
}

export interface PiiMappingsTable {
  engagement_id: string;
  sealed: string;
  updated_at: Timestamp;
}

export interface VaultDestructionsTable {
  engagement_id: string;
  certificate_id: string;
  record: ColumnType<unknown, string, string>;
  destroyed_at: Timestamp;
  destroyed_by: string | null;
}

export interface VaultDeletionAttestationsTable {
  engagement_id: string;
  provider_org_id: string;
  attested_by: string | null;
  attested_at: Timestamp;
  statement: string;
}

// ---------- conflict walls (0016_conflict_walls.sql) ----------

/** A calendar date: written and read as YYYY-MM-DD. */
type CalendarDate = ColumnType<string, string, string>;

export interface ConflictDeclarationsTable {
  user_id: string;
  org_id: string;
  declared_at: Timestamp;
}

export interface ConflictEmployersTable {
  user_id: string;
  org_id: string;
  position: number;
  entity: string;
  from_date: CalendarDate;
  to_date: ColumnType<string | null, string | null, string | null>;
}

export interface ConflictHoldingsTable {
  user_id: string;
  org_id: string;
  position: number;
  entity: string;
}

export interface ConflictSettingsTable {
  org_id: string;
  cooling_off_months: number;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RestrictedEntitiesTable {
  id: string;
  org_id: string;
  name: string;
  aliases: string[];
  tickers: string[];
  kind: 'target' | 'competitor' | 'restricted';
  note: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EngagementConflictSubjectsTable {
  engagement_id: string;
  entity_id: string;
  role: 'target' | 'competitor';
}

export interface ConflictOverridesTable {
  id: string;
  engagement_id: string;
  user_id: string;
  reason: string;
  covers: string[];
  by_user_id: string | null;
  at: Timestamp;
}

// ---------- deliverables and quality (0017_deliverables_quality.sql) ----------

export interface RubricsTable {
  id: string;
  org_id: string;
  engagement_type: string;
  version: number;
  name: string;
  scale_min: number;
  scale_max: number;
  criteria: Json;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EngagementQualityTable {
  engagement_id: string;
  reviewers_per_submission: number;
  blind: boolean;
  required_sections: Json<string[]>;
  glossary: Json;
  version: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface DeliverablesTable {
  id: string;
  engagement_id: string;
  milestone_id: string;
  title: string;
  type: string;
  status: string;
  latest_version: number;
  rework_rounds: number;
  escalated_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeliverableVersionsTable {
  deliverable_id: string;
  version: number;
  engagement_id: string;
  status: string;
  content: Json;
  document_ids: Json<string[]>;
  note: string;
  checks: Json;
  check_status: string;
  check_fails: number;
  check_warns: number;
  submitted_by: string | null;
  received_at: Timestamp;
  rubric_id: string;
  rubric_version: number;
  reviewers_wanted: number;
  blind: boolean;
  decision: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface DeliverableReviewsTable {
  id: string;
  deliverable_id: string;
  version: number;
  engagement_id: string;
  reviewer_id: string;
  rubric_id: string;
  rubric_version: number;
  scores: Json<Record<string, number>>;
  weighted_score: number;
  score_pct: number;
  decision: string;
  comments: Json;
  submitted_at: Timestamp;
}

export interface CalibrationRoundsTable {
  id: string;
  org_id: string;
  title: string;
  engagement_id: string;
  deliverable_id: string;
  version: number;
  content: Json;
  rubric_id: string;
  rubric_version: number;
  participants: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CalibrationScoresTable {
  round_id: string;
  reviewer_id: string;
  scores: Json<Record<string, number>>;
  submitted_at: Timestamp;
}

export interface GoldItemsTable {
  id: string;
  engagement_id: string;
  kind: string;
  label: string;
  terms: Json<string[]>;
  document_id: string | null;
  deliverable_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface GoldResultsTable {
  gold_id: string;
  deliverable_id: string;
  version: number;
  engagement_id: string;
  hit: boolean;
  evaluated_at: Timestamp;
}

export interface PatentCorporaTable {
  id: string;
  name: string;
  engagement_id: string | null;
  documents: ColumnType<number, number | undefined, number>;
  total_length: ColumnType<number, number | undefined, number>;
  next_doc_no: ColumnType<number, number | undefined, number>;
  next_block: ColumnType<number, number | undefined, number>;
  removed_doc_nos: ColumnType<number[], number[] | undefined, number[]>;
  /** INDEX_VERSION of the tokens the posting blocks hold (migration 0029). */
  index_version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PatentsTable {
  corpus_id: string;
  doc_no: number;
  number: string;
  content_sha256: string;
  record: Json<unknown>;
  title: string;
  language: string;
  publication_date: ColumnType<string, string, string>;
  priority_date: ColumnType<string | null, string | null, string | null>;
  classification_keys: string[];
  length: number;
  imported_at: Timestamp;
}

export interface PatentSavedSearchesTable {
  id: string;
  engagement_id: string;
  title: string;
  latest_version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PatentSavedSearchVersionsTable {
  search_id: string;
  version: number;
  steps: Json<unknown>;
  note: string | null;
  saved_by: string;
  saved_at: Timestamp;
}

export interface PatentPostingsTable {
  corpus_id: string;
  term: string;
  block: number;
  documents: number;
  postings: string;
  positions: string;
}

// ---------- time (0025_time_entries.sql) ----------

export interface TimesheetsTable {
  id: string;
  org_id: string;
  user_id: string;
  week_start: ColumnType<string, string, string>;
  status: 'open' | 'submitted' | 'approved';
  version: number;
  submitted_at: NullableTimestamp;
  submitted_by: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  return_note: string | null;
}

export interface TimeEntriesTable {
  id: string;
  timesheet_id: string;
  engagement_id: string;
  org_id: string;
  user_id: string;
  side: 'client' | 'provider';
  work_date: ColumnType<string, string, string>;
  milestone_id: string | null;
  category: string;
  minutes: number;
  note: string;
  correction_reason: string | null;
  entered_by: string | null;
  created_at: Timestamp;
}

export interface OvertimeAgreementsTable {
  org_id: string;
  contracted_daily_minutes: number;
  monthly_limit_minutes: number;
  yearly_limit_minutes: number;
  special_clause: ColumnType<unknown, string | null, string | null>;
  year_start_month: number;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface InternalRatesTable {
  org_id: string;
  role: string;
  hourly_yen: number;
}

export interface InternalRateSettingsTable {
  org_id: string;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

// ---------- capacity (0027_capacity.sql) ----------

export interface PersonCapacityTable {
  org_id: string;
  user_id: string;
  contracted_daily_minutes: number | null;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface PersonLeaveTable {
  id: string;
  org_id: string;
  user_id: string;
  start_date: ColumnType<string, string, string>;
  end_date: ColumnType<string, string, string>;
  note: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface AllocationsTable {
  org_id: string;
  engagement_id: string;
  user_id: string;
  week_start: ColumnType<string, string, string>;
  minutes: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

// ---------- staffing plans of proposals (0032_proposal_staffing.sql) ----------

export interface ProposalStaffingTable {
  proposal_id: string;
  org_id: string;
  user_id: string;
  role: string;
  weeks: Json;
  outcome: string | null;
  outcome_reason: string | null;
  warnings: Json | null;
}

// ---------- suggested entries (0028_time_suggestion_dismissals.sql) ----------

export interface TimeSuggestionDismissalsTable {
  org_id: string;
  user_id: string;
  engagement_id: string;
  work_date: ColumnType<string, string, string>;
  category: string;
  dismissed_at: Timestamp;
}

export interface DB {
  proposal_staffing: ProposalStaffingTable;
  time_suggestion_dismissals: TimeSuggestionDismissalsTable;
  person_capacity: PersonCapacityTable;
  person_leave: PersonLeaveTable;
  allocations: AllocationsTable;
  timesheets: TimesheetsTable;
  time_entries: TimeEntriesTable;
  overtime_agreements: OvertimeAgreementsTable;
  internal_rates: InternalRatesTable;
  internal_rate_settings: InternalRateSettingsTable;
  patent_corpora: PatentCorporaTable;
  patents: PatentsTable;
  patent_postings: PatentPostingsTable;
  patent_saved_searches: PatentSavedSearchesTable;
  patent_saved_search_versions: PatentSavedSearchVersionsTable;
  rubrics: RubricsTable;
  engagement_quality: EngagementQualityTable;
  deliverables: DeliverablesTable;
  deliverable_versions: DeliverableVersionsTable;
  deliverable_reviews: DeliverableReviewsTable;
  calibration_rounds: CalibrationRoundsTable;
  calibration_scores: CalibrationScoresTable;
  gold_items: GoldItemsTable;
  gold_results: GoldResultsTable;
  conflict_declarations: ConflictDeclarationsTable;
  conflict_employers: ConflictEmployersTable;
  conflict_holdings: ConflictHoldingsTable;
  conflict_settings: ConflictSettingsTable;
  restricted_entities: RestrictedEntitiesTable;
  engagement_conflict_subjects: EngagementConflictSubjectsTable;
  conflict_overrides: ConflictOverridesTable;
  organizations: OrganizationsTable;
  idempotency_keys: IdempotencyKeysTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  kpo_migrations: MigrationsTable;
  engagements: EngagementsTable;
  engagement_providers: EngagementProvidersTable;
  engagement_visibility: EngagementVisibilityTable;
  engagement_names: EngagementNamesTable;
  provider_answer_stats: ProviderAnswerStatsTable;
  engagement_team: EngagementTeamTable;
  proposals: ProposalsTable;
  sow_versions: SowVersionsTable;
  milestones: MilestonesTable;
  milestone_reviews: MilestoneReviewsTable;
  status_updates: StatusUpdatesTable;
  questions: QuestionsTable;
  question_messages: QuestionMessagesTable;
  change_requests: ChangeRequestsTable;
  sla_breaches: SlaBreachesTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  notification_deliveries: NotificationDeliveriesTable;
  financial_models: FinancialModelsTable;
  financial_model_versions: FinancialModelVersionsTable;
  financial_model_comments: FinancialModelCommentsTable;
  survey_datasets: SurveyDatasetsTable;
  survey_dataset_versions: SurveyDatasetVersionsTable;
  survey_weightings: SurveyWeightingsTable;
  survey_codeframes: SurveyCodeframesTable;
  survey_codeframe_versions: SurveyCodeframeVersionsTable;
  survey_coding_overrides: SurveyCodingOverridesTable;
  research_canvases: ResearchCanvasesTable;
  research_canvas_versions: ResearchCanvasVersionsTable;
  vault_keys: VaultKeysTable;
  vault_blobs: VaultBlobsTable;
  vault_blob_chunks: VaultBlobChunksTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_grants: DocumentGrantsTable;
  document_accesses: DocumentAccessesTable;
  vault_destructions: VaultDestructionsTable;
  pii_mappings: PiiMappingsTable;
  vault_deletion_attestations: VaultDeletionAttestationsTable;
}
