/**
 * English strings of a proposal's internal staffing plan (issue #14; decision 0011): the editor on
 * the provider's proposal form and what the award did. Spread into `en.ts`; `staffing.ja.ts` has
 * exactly the same keys. The client never sees any of it.
 */
export const staffingEn = {
  staffing: {
    title: 'Staffing plan (internal)',
    intro:
      'Who of your people would do the work, and for how many hours a week. The client never sees this plan. While the bid is open it counts as tentative load; on the award it becomes the team with these hours, except anyone it would take past a legal maximum of overtime.',
    person: 'Person {{n}}',
    role: 'Role of person {{n}}',
    hours: 'Hours per week of person {{n}}',
    weeks: 'From the week of {{from}} to the week of {{to}} ({{count}} weeks)',
    add: 'Add a person',
    remove: 'Remove person {{n}}',
    roles: { lead: 'Lead', analyst: 'Analyst' },
    outcome: {
      title: 'What the award did',
      staffed: '{{name}} is on the team ({{hours}} h planned).',
      left_out: '{{name}} was left out: {{reason}}.',
    },
    leftOutReason: {
      legal_maximum: 'the plan would cross a legal maximum of overtime',
      conflict: 'a conflict of interest stands',
      not_member: 'no longer a working member of your organisation',
    },
    plan: {
      title: 'Planned hours and forecast',
      week: 'Week',
      planned: 'Planned (h)',
      tentative: 'Tentative, open bids (h)',
      available: 'Available (h)',
      findings: 'Overtime forecast with the plan',
      hint: 'The weeks of the coming year with hours planned or bid for. Tentative hours are those of open bids’ staffing plans: they are not planned yet and are not in the forecast.',
    },
    tentative: 'Tentative (open bids): {{hours}} h',
  },
};
