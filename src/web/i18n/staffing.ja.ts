/**
 * 提案の社内要員計画(issue #14、decision 0011)の日本語: プロバイダーの提案フォームの編集欄と、採択時の反映結果。
 * `ja.ts` に展開する。`staffing.en.ts` とキーは同じ。委託元には一切表示しない。
 */
export const staffingJa = {
  staffing: {
    title: '要員計画(社内用)',
    intro:
      '自社のどの担当者が週に何時間この案件に当たるか。委託元には表示されません。提案中は仮の負荷として数え、採択されるとこの時間でチームに加わります。ただし時間外労働の法定上限を超える担当者は加えません。',
    person: '担当者 {{n}}',
    role: '担当者 {{n}} の役割',
    hours: '担当者 {{n}} の週あたり時間',
    weeks: '{{from}} の週から {{to}} の週まで({{count}} 週)',
    add: '担当者を追加',
    remove: '担当者 {{n}} を削除',
    roles: { lead: 'リード', analyst: 'アナリスト' },
    outcome: {
      title: '採択時の反映結果',
      staffed: '{{name}} さんをチームに加えました(予定 {{hours}} 時間)。',
      left_out: '{{name}} さんは加えませんでした: {{reason}}。',
    },
    leftOutReason: {
      legal_maximum: '計画が時間外労働の法定上限を超えるため',
      conflict: '利益相反があるため',
      not_member: '自社の担当者ではなくなったため',
    },
    plan: {
      title: '予定工数と見込み',
      week: '週',
      planned: '予定(時間)',
      tentative: '仮の予定・提案中(時間)',
      available: '稼働可能(時間)',
      findings: '計画を含めた時間外労働の見込み',
      hint: '今後 1 年のうち予定または提案中の時間がある週です。仮の予定は提案中の要員計画の時間で、まだ予定ではなく、見込みには含めません。',
    },
    tentative: '仮の予定(提案中): {{hours}} 時間',
  },
};
