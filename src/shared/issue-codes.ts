/**
 * Every `code` a validation issue may carry. Zod's own codes are said in general terms (with the
 * limit a length or range check carries); kpo's codes name the rule that was broken.
 */
export const issueCodes = [
  // zod's codes, as issuesFromZod passes them on (an empty or missing value becomes `required`)
  'required',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'custom',
  // rules of refinements (`params: { rule }`)
  'one_line',
  'no_control_characters',
  'each_once',
  'weights_total',
  'one_currency',
  'change_something',
  'not_a_date',
  'years_gap',
  'years_order',
  'values_per_year',
  'first_forecast_year',
  'override_rate_only',
  'override_capm_inputs',
  'financing_total',
  'reserved_name',
  // request bodies
  'malformed_json',
  'nul_character',
  'invalid_unicode',
  'reused',
  // identity
  'bad_credentials',
  'role_not_allowed',
  'duplicate',
  'not_member',
  'missing_role',
  // engagements
  'client_only',
  'unknown_provider',
  'not_on_team',
  'unknown_milestone',
  'fee_locked',
  // webhooks
  'url_not_allowed',
  // financial models
  'missing',
  'currency_changed',
  'input_not_applicable',
  'unknown_scenario',
  'invalid_axis',
  'growth_not_below_wacc',
  'wacc_not_positive',
  'not_finite',
  'share_reason_required',
  'excel_error',
  // historicals import
  'no_years',
  'unknown_sheet',
  'unsupported_file',
  'not_a_number',
  'duplicate_line',
  'duplicate_year',
  // the document vault
  'invalid_file_name',
  'grantee_not_allowed',
  'grant_too_long',
  'grant_access_too_high',
  'grantee_not_on_team',
  'confirmation_mismatch',
  // conflict walls
  'date_order',
  'unknown_entity',
  'entity_in_use',
  'target_and_competitor',
  'current_employee_of_target',
  'current_employee_of_competitor',
  'former_employee_of_target_in_cooling_off',
  'holding_in_target',
  // deliverables and reviews
  'weights_sum',
  'anchor_per_level',
  'unknown_criterion',
  'out_of_scale',
  'type_mismatch',
  'unknown_model',
  'model_version_not_shared',
  'unknown_document',
  'unknown_section',
  'unknown_finding',
  'gold_needs_term',
  'unknown_deliverable',
  'not_calibration_candidate',
  // market research
  'ragged_row',
  'empty_column',
  'duplicate_column',
  'code_outside_codebook',
  'single_level',
  'targets_sum',
  'unknown_category',
  'category_without_target',
  'zero_target',
  'missing_on_weighting_variable',
  'not_in_scale',
  'duplicate_key',
  'unknown_key',
  'not_numeric_feature',
  'range_order',
  'share_out_of_range',
  // the kpo command
  'unknown_role',
  'check_failed',
] as const;
export type IssueCode = (typeof issueCodes)[number];

/**
 * The `params` of a refinement that names its rule: issuesFromZod makes the rule the issue's code
 * and the values its params (`ctx.addIssue({ code: 'custom', …, params: rule('weights_total', { total }) })`).
 */
export const rule = (code: IssueCode, values: Record<string, string | number> = {}) => ({ rule: code, ...values });
