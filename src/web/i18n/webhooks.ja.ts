import type { webhooksEn } from './webhooks.en';

/** Webhook 設定の日本語文言。キーは webhooks.en.ts と一致させる。 */
export const webhooksJa: typeof webhooksEn = {
  webhooks: {
    title: 'Webhook',
    intro:
      '{{org}} の案件で出来事があると、kpo はこれらのアドレスを呼び出します。HMAC-SHA256 で署名し（X-Kpo-Signature ヘッダー）、失敗時は間隔を空けて再送します。詳しくは docs/webhooks.md をご覧ください。',
    url: '受信先 URL',
    kinds: 'イベント',
    allKinds: 'すべてのイベント',
    selectAllKinds: 'すべて選択',
    clearKinds: 'すべて解除',
    add: 'Webhook を追加',
    secretTitle: '{{host}} への Webhook を追加しました',
    secretOnce: '署名用シークレットを今コピーしてください。表示は一度きりです。受信側はこれで各呼び出しの署名を検証します。',
    secretLabel: '署名用シークレット',
    empty: 'Webhook はまだありません。',
    created: '追加日',
    lastDelivery: '直近の配信',
    noDelivery: 'まだありません',
    ping: 'テスト送信',
    pingDelivered: '{{host}} の受信先が {{status}} を返しました。',
    pingFailed: '{{host}} へのテスト送信に失敗しました：{{error}}',
    remove: '削除',
    removeTitle: '{{host}} への Webhook を削除しますか？',
    removeBody: 'すぐに呼び出しを止めます。未送信の配信は破棄されます。',
    removed: '{{host}} への Webhook を削除しました。',
    delivery: {
      pending: '送信待ち',
      delivered: '配信済み',
      failed: '失敗',
    },
    kind: {
      engagement: {
        requested: '提案依頼',
        request_cancelled: '提案依頼の中止',
        status_changed: '案件ステータスの変更',
      },
      proposal: {
        submitted: '提案の提出',
        awarded: '提案の採用',
        not_awarded: '提案の不採用',
      },
      sow: {
        approval_needed: 'SOW の承認依頼',
        approved: 'SOW の承認',
      },
      team: {
        assigned: 'チームへのアサイン',
      },
      milestone: {
        submitted: 'マイルストーンの提出',
        decided: 'マイルストーンの判断',
      },
      update: {
        posted: '進捗報告の投稿',
      },
      question: {
        asked: '質問',
        answered: '回答',
      },
      change_request: {
        proposed: '変更依頼の提案',
        decided: '変更依頼の決定',
      },
      reminder: {
        update_due: '進捗報告の期限が近い',
      },
      sla: {
        breached: 'SLA 違反',
        escalated: 'SLA 違反のエスカレーション',
      },
      model: {
        shared: '財務モデルの版の共有',
        commented: '財務モデルへのコメント',
      },
      document: {
        granted: '文書の共有（委託先へ）',
      },
      deliverable: {
        submitted: '成果物の版の提出',
        decided: '成果物の版の判定',
        escalated: '成果物のエスカレーション（手戻り回数の超過）',
      },
      staffing: {
        load_warning: '採択による稼働の警告（委託先のみ）',
        left_out: '採択時に要員計画から外れた担当者（委託先のみ）',
      },
    },
  },
};
