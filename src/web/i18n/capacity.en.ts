/**
 * English strings of capacity (issue #14 point 2): the provider's capacity board and the load
 * warnings of a plan. Spread into `en.ts`; `capacity.ja.ts` has exactly the same keys.
 */
export const capacityEn = {
  capacity: {
    board: {
      title: 'Capacity',
      intro:
        'Your people across all clients, week by week: planned hours against the hours each person has (working days without public holidays and leave), the overtime forecast against your 36 agreement, and weeks where deadlines cluster.',
      previous: 'Previous 12 weeks',
      next: 'Next 12 weeks',
      thisWeek: 'This week',
      person: 'Person',
      weekOf: 'Week of {{date}}',
      none: 'No analysts or delivery managers in this organisation yet.',
      table: 'Planned hours per person and week',
      cell: '{{planned}} / {{available}} h',
      cellLabel: '{{name}}, week of {{week}}: {{planned}} of {{available}} hours planned',
      available: 'Available: {{hours}} h ({{days}} working days, {{leave}} on leave)',
      planned: 'Planned: {{hours}} h',
      actual: 'Logged: {{hours}} h',
      utilisation: 'Utilisation: {{percent}}',
      noCapacity: 'No working days',
      deadlines: '{{count}} due',
      deadlinesCluster: '{{count}} due — cluster',
      overtimeWarning: 'Overtime forecast near a limit',
      overtimeBreach: 'Overtime forecast past a limit',
      forecast: 'Overtime forecast this month: {{hours}} h (holiday work {{holiday}} h)',
      legend: {
        title: 'Legend',
        low: 'Under 50 %',
        normal: '50–85 %',
        high: '85–100 %',
        over: 'Over 100 %',
        warning: 'Overtime forecast near a limit',
        breach: 'Overtime forecast past a limit',
        cluster: 'Several deadlines in the week',
        strain: 'Signs of strain (late nights, days off, rework, clients, bunched due dates); details on the person’s load page',
      },
      openLoad: 'Load of {{name}}',
    },
    warning: {
      title: 'What this does to the load',
      none: 'Within every limit.',
      blocked: 'This crosses a legal maximum of overtime. Only the provider admin may go ahead, with a written reason.',
      overCapacity: 'Week of {{week}}: {{planned}} h planned, {{available}} h available.',
      summary: '{{rule}} from {{first}}, in {{count}} months — at worst {{forecast}} of {{limit}} ({{worst}})',
      overCapacitySummary:
        'Past the available hours in {{count}} weeks from the week of {{first}}; at worst the week of {{week}}: {{planned}} h planned against {{available}} h',
      line: '{{month}}: {{rule}} — forecast {{forecast}} of {{limit}}',
      months: '{{count}} months',
      rule: {
        monthly_overtime: 'monthly overtime',
        yearly_overtime: 'yearly overtime',
        monthly_total: 'overtime and holiday work in the month (legal maximum: below 100 h)',
        multi_month_average: 'average over several months (legal maximum: 80 h)',
        months_over_monthly_limit: 'months over the monthly limit',
        special_yearly_overtime: 'yearly overtime (legal maximum: 720 h)',
      },
      severity: { warning: 'Near the limit', breach: 'Past the limit' },
      plan: 'Planned hours per week',
      planHint: 'From this week to the end of the SOW. Leave empty to add without a plan.',
      overrideReason: 'Reason for going past the limit',
      overrideHint:
        'Needed when the plan goes past the person’s available hours; past a legal maximum only the provider admin may give one.',
    },
  },
};
