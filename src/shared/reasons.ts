import { engagementStatuses, milestoneActions, proposalStatuses, transitionActions } from './contracts/engagements.js';

/**
 * Every `reason` an error may carry: the machine-readable why behind an error code. AppError
 * takes only these, so the compiler refuses a reason nobody registered; a test requires each
 * reason a person can meet to have a Japanese and an English text.
 */

/** Reasons the HTTP API answers with (and the web's own, `network`): each needs words in every UI language. */
export const apiReasons = [
  // requests and sessions
  'validation',
  'malformed_body',
  'body_too_large',
  'unsupported_media_type',
  'no_route',
  'network',
  'csrf',
  'cross_origin',
  'invalid_token',
  'session_expired',
  'session_required',
  'no_session',
  'idempotency_in_progress',
  'idempotency_key_reused',
  'already_done',
  'concurrent_change',
  'version_conflict',
  // identity and access
  'bad_credentials',
  'login_throttled',
  'account_disabled',
  'no_membership',
  'not_member',
  'missing_role',
  'other_organization',
  'not_owner',
  'not_assigned',
  'token_scope',
  'no_rule',
  'last_admin',
  'already_member',
  'duplicate_name',
  'duplicate_email',
  'member_not_found',
  'user_not_found',
  'organization_not_found',
  'operator_admins_only',
  'operator_staff',
  'invitation_not_found',
  'invitation_not_pending',
  'sign_in_to_accept',
  'wrong_account',
  'token_not_found',
  // engagements
  'engagement_not_found',
  'other_side',
  'owner_required',
  'not_on_team',
  'no_providers',
  'no_sow',
  'sow_not_approved',
  'sow_locked',
  'sow_approved',
  'already_approved',
  'fee_locked',
  'milestone_in_use',
  'milestone_not_found',
  'milestones_open',
  'milestones_not_accepted',
  'brief_locked',
  'invitations_closed',
  'bidding_closed',
  'no_submitted_proposal',
  'proposal_not_found',
  'proposal_not_submitted',
  'question_not_found',
  'suggestion_not_found',
  'question_closed',
  'change_not_found',
  'not_contracted_or_in_progress',
  'wrong_state',
  // webhooks
  'webhook_not_found',
  'too_many_webhooks',
  'sealed_value_unreadable',
  'sealed_value_corrupt',
  'master_key_mismatch',
  // financial models
  'model_locked',
  'not_financial_modeling',
  'survey_locked',
  'not_market_research',
  // patent research (core/workbenches/patent-search/service.ts)
  'patents_locked',
  'not_patent_research',
  'patent_corpus_not_found',
  'platform_corpus_read_only',
  'patent_not_found',
  'patent_query_invalid',
  'patent_format_unknown',
  'saved_search_not_found',
  'model_not_found',
  'version_not_found',
  'version_not_shared',
  'share_reason_required',
  'share_reason_required',
  'version_not_shared',
  'user_required',
  'currency_changed',
  'invalid_model',
  'unknown_scenario',
  'input_not_applicable',
  'exit_multiple_not_in_model',
  'no_base_year',
  'invalid_axis',
  'growth_not_below_wacc',
  'growth_not_below_terminal_cost_of_capital',
  'growth_not_below_ronic',
  'wacc_not_positive',
  'not_finite',
  'no_comparables',
  'no_accretion_dilution',
  'excel_error',
  // the document vault
  'document_not_found',
  'document_version_not_found',
  'invalid_file_name',
  'unsupported_file_type',
  'file_content_mismatch',
  'empty_file',
  'file_too_large',
  'encrypted_file',
  'malformed_file',
  'grant_not_found',
  'grantee_not_allowed',
  'grant_too_long',
  'grant_access_too_high',
  'grantee_not_on_team',
  'grants_closed',
  'view_only',
  'not_closed',
  'vault_key_destroyed',
  'blob_tampered',
  'blob_missing',
  'classification_mismatch',
  'already_destroyed',
  'already_attested',
  'not_destroyed',
  'confirmation_mismatch',
  'not_scannable',
  // historicals import
  'import_failed',
  'invalid_mapping',
  'no_years',
  'too_many_years',
  'unsupported_file',
  'unreadable_csv',
  'unreadable_xlsx',
  'xlsx_too_large',
  'table_too_large',
  'unknown_sheet',
  // time (core/time)
  'timesheet_submitted',
  'timesheet_approved',
  'timesheet_not_submitted',
  // capacity (core/time/capacity-service.ts)
  'leave_not_found',
  // conflict walls
  'conflict_of_interest',
  'no_conflict',
  // deliverables and reviews
  'deliverable_not_found',
  'deliverable_accepted',
  'milestone_accepted',
  'deliverable_version_not_found',
  'not_patent_report',
  'version_superseded',
  'version_decided',
  'already_reviewed',
  'not_a_reviewer',
  'rubric_not_found',
  'calibration_not_found',
  'not_a_participant',
  'already_scored',
  'calibration_source_restricted',
  'gold_not_found',
  'gold_withdrawn',
  // market research: survey files, codebooks, tables, weighting, sizing
  'unknown_encoding',
  'unreadable_survey',
  'ragged_rows',
  'no_respondents',
  'bad_header',
  'codebook_mismatch',
  'unknown_variable',
  'not_categorical',
  'not_numeric',
  'single_level',
  'bad_targets',
  'raking_not_converged',
  'out_of_range_values',
  'value_too_large',
  'bad_sizing',
  'bad_competitors',
  'dataset_not_found',
  'response_file_not_downloadable',
  'codeframe_not_found',
  'sizing_not_found',
  'matrix_not_found',
] as const;

/** Reasons met only at a terminal (the `kpo` command, start-up, backups): said in English by the CLI. */
export const cliReasons = [
  'bad_config',
  'bad_master_key',
  'master_key_exposed',
  'master_key_missing',
  'master_key_mismatch',
  'sealed_value_corrupt',
  'backup_passphrase_required',
  'backup_wrong_passphrase',
  'backup_unencrypted',
  'master_key_missing',
  'data_dir_locked',
  'pending_migrations',
  'migration_edited',
  'unknown_migration',
  'bad_backup',
  'backup_tampered',
  'backup_too_new',
  'target_not_empty',
  'bad_anchor',
  'checks_failed',
  'file_not_found',
  'file_unreadable',
  'file_unwritable',
  'invalid_json',
  'invalid_option',
  // `kpo pii`: a mapping file that is not one, findings that are not spans of their text
  'pii_mapping_invalid',
  'pii_finding_mismatch',
  // `kpo ip`: a corpus that is not there, a query that does not parse
  'corpus_not_found',
  'invalid_query',
] as const;

type TransitionAction = (typeof transitionActions)[number];
type EngagementStatus = (typeof engagementStatuses)[number];

/** Reasons built from a state: the web reads the parts (`cannot_move` with the action and the state). */
export const invitationStates = ['expired', 'revoked', 'accepted'] as const;
export const changeStates = ['approved', 'rejected', 'withdrawn'] as const;
export const proposalStates = proposalStatuses.filter((s) => s !== 'draft' && s !== 'submitted') as readonly Exclude<
  (typeof proposalStatuses)[number],
  'draft' | 'submitted'
>[];

export type CannotMoveReason = `cannot_${TransitionAction}_from_${EngagementStatus}`;
export type StateReason =
  | CannotMoveReason
  | `invitation_${(typeof invitationStates)[number]}`
  | `change_${(typeof changeStates)[number]}`
  | `proposal_${(typeof proposalStates)[number]}`
  | `milestone_cannot_${(typeof milestoneActions)[number]}`;

/** Every reason built from a state, spelled out (for the tests that every one has words). */
export const stateReasons: readonly StateReason[] = [
  ...transitionActions.flatMap((a) => engagementStatuses.map((s) => `cannot_${a}_from_${s}` as const)),
  ...invitationStates.map((s) => `invitation_${s}` as const),
  ...changeStates.map((s) => `change_${s}` as const),
  ...proposalStates.map((s) => `proposal_${s}` as const),
  ...milestoneActions.map((a) => `milestone_cannot_${a}` as const),
];

export type ApiReason = (typeof apiReasons)[number] | StateReason;
export type Reason = ApiReason | (typeof cliReasons)[number];

export { type IssueCode, issueCodes } from './issue-codes.js';
