/**
 * 稼働キャパシティ(issue #14 point 2)の日本語: プロバイダーのキャパシティボードと、計画による負荷の警告。
 * `ja.ts` に展開する。`capacity.en.ts` とキーは同じ。
 */
export const capacityJa = {
  capacity: {
    board: {
      title: 'キャパシティ',
      intro:
        'すべての委託元にまたがる担当者ごと・週ごとの状況です。予定工数と稼働可能時間(祝日と休暇を除いた所定労働日)、36協定に対する時間外労働の見込み、締切が重なる週を表示します。',
      previous: '前の12週',
      next: '次の12週',
      thisWeek: '今週',
      person: '担当者',
      weekOf: '{{date}} の週',
      none: 'この組織にはまだアナリストもデリバリーマネージャーもいません。',
      table: '担当者・週ごとの予定工数',
      cell: '{{planned}} / {{available}} 時間',
      cellLabel: '{{name}}、{{week}} の週: 稼働可能 {{available}} 時間のうち {{planned}} 時間を予定',
      available: '稼働可能: {{hours}} 時間(所定労働日 {{days}} 日、うち休暇 {{leave}} 日)',
      planned: '予定: {{hours}} 時間',
      actual: '実績: {{hours}} 時間',
      utilisation: '稼働率: {{percent}}',
      noCapacity: '所定労働日なし',
      deadlines: '締切 {{count}} 件',
      deadlinesCluster: '締切 {{count}} 件(集中)',
      overtimeWarning: '時間外労働の見込みが上限に近づいています',
      overtimeBreach: '時間外労働の見込みが上限を超えています',
      forecast: '今月の時間外労働の見込み: {{hours}} 時間(休日労働 {{holiday}} 時間)',
      legend: {
        title: '凡例',
        low: '50% 未満',
        normal: '50〜85%',
        high: '85〜100%',
        over: '100% 超',
        warning: '時間外労働の見込みが上限に接近',
        breach: '時間外労働の見込みが上限超過',
        cluster: '同じ週に複数の締切',
        strain: '負荷のサイン(深夜・休日の活動、差し戻し、顧客数、期限の集中)の数。本人の負荷のページで詳細を確認できます',
      },
      openLoad: '{{name}} さんの負荷',
    },
    warning: {
      title: '負荷への影響',
      none: 'すべての上限の範囲内です。',
      blocked: '時間外労働の法定上限を超えます。理由を記入したプロバイダー管理者のみが実行できます。',
      overCapacity: '{{week}} の週: 予定 {{planned}} 時間、稼働可能 {{available}} 時間。',
      summary: '{{rule}}: {{first}} から {{count}} か月 — 最大で見込み {{forecast}}(上限 {{limit}}、{{worst}})',
      overCapacitySummary:
        '{{first}} の週から {{count}} 週にわたり稼働可能時間を超えます。最も超えるのは {{week}} の週: 予定 {{planned}} 時間、稼働可能 {{available}} 時間。',
      line: '{{month}}: {{rule}} — 見込み {{forecast}}(上限 {{limit}})',
      months: '{{count}} か月',
      rule: {
        monthly_overtime: '月の時間外労働',
        yearly_overtime: '年の時間外労働',
        monthly_total: '月の時間外労働と休日労働の合計(法定上限: 100 時間未満)',
        multi_month_average: '複数月の平均(法定上限: 80 時間)',
        months_over_monthly_limit: '月の上限を超える月数',
        special_yearly_overtime: '年の時間外労働(法定上限: 720 時間)',
      },
      severity: { warning: '上限に接近', breach: '上限超過' },
      plan: '週あたりの予定工数(時間)',
      planHint: '今週から SOW の終了まで。空欄なら予定なしで追加します。',
      overrideReason: '上限を超える理由',
      overrideHint: '稼働可能時間を超えて計画するときに必要です。法定上限を超える場合はプロバイダー管理者のみが記入できます。',
    },
  },
};
