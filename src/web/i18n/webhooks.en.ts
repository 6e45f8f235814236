/** English strings of the webhook settings; `webhooks.ja.ts` has exactly the same keys. */
export const webhooksEn = {
  webhooks: {
    title: 'Webhooks',
    intro:
      'kpo calls these addresses when something happens on {{org}}’s engagements, signed with HMAC-SHA256 (the X-Kpo-Signature header) and retried with backoff. See docs/webhooks.md.',
    url: 'Receiver URL',
    kinds: 'Events',
    allKinds: 'All events',
    selectAllKinds: 'Select all events',
    clearKinds: 'Clear all',
    add: 'Add webhook',
    secretTitle: 'Webhook added for {{host}}',
    secretOnce: 'Copy the signing secret now. It is shown only once; your receiver checks each call’s signature with it.',
    secretLabel: 'Signing secret',
    empty: 'No webhooks yet.',
    created: 'Added',
    lastDelivery: 'Last delivery',
    noDelivery: 'None yet',
    ping: 'Send test',
    pingDelivered: 'The receiver at {{host}} answered {{status}}.',
    pingFailed: 'The test call to {{host}} failed: {{error}}',
    remove: 'Remove',
    removeTitle: 'Remove the webhook to {{host}}?',
    removeBody: 'kpo stops calling it at once; deliveries still waiting are dropped.',
    removed: 'The webhook to {{host}} was removed.',
    delivery: {
      pending: 'Waiting',
      delivered: 'Delivered',
      failed: 'Failed',
    },
    kind: {
      engagement: {
        requested: 'Proposal requested',
        request_cancelled: 'Proposal request cancelled',
        status_changed: 'Engagement status changed',
      },
      proposal: {
        submitted: 'Proposal submitted',
        awarded: 'Proposal awarded',
        not_awarded: 'Proposal not awarded',
      },
      sow: {
        approval_needed: 'SOW needs approval',
        approved: 'SOW approved',
      },
      team: {
        assigned: 'Assigned to a team',
      },
      milestone: {
        submitted: 'Milestone submitted',
        decided: 'Milestone decided',
      },
      update: {
        posted: 'Status update posted',
      },
      question: {
        asked: 'Question asked',
        answered: 'Question answered',
      },
      change_request: {
        proposed: 'Change request proposed',
        decided: 'Change request decided',
      },
      reminder: {
        update_due: 'Status update due soon',
      },
      sla: {
        breached: 'SLA breached',
        escalated: 'SLA breach escalated',
      },
      model: {
        shared: 'Financial model version shared',
        commented: 'Comment on a financial model',
      },
      document: {
        granted: 'Document shared (with the provider)',
      },
      deliverable: {
        submitted: 'Deliverable version submitted',
        decided: 'Deliverable version decided',
        escalated: 'Deliverable escalated (rework rounds exceeded)',
      },
      staffing: {
        load_warning: 'Load warning after an award (provider only)',
        left_out: 'Left out of the staffing plan at an award (provider only)',
      },
    },
  },
};
