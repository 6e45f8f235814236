import { type CheckLanguage, type CheckMessage, checkMessages, checkMessageText, interpolate } from './check-messages.js';
import type { DeliverableFinding, SectionRole } from './contracts/deliverables.js';
import type { MessageParams } from './errors.js';

/**
 * The words of a deliverable's generic checks (core/deliverables/checks). A check says what it
 * found as a message key and values; whoever shows a finding — the review page, the PDF, the CLI —
 * words it here in the reader's language. Findings of a financial model's own checks carry
 * catalog 'financial_model' and are worded by shared/check-messages.
 */

/** Every code a generic check reports, by its stable code: the review page titles each one in every language. */
export const deliverableCheckCodes = [
  'report.required_sections',
  'report.methodology',
  'report.knowledge_transfer',
  'report.claims_cited',
  'report.citation_unknown',
  'report.references_resolve',
  'report.reference_unlocated',
  'report.glossary',
  'model.unavailable',
  'survey.unavailable',
  'survey.table',
  'survey.base_minimum',
  'survey.base_shown',
  'survey.significance',
  'survey.weighting_efficiency',
  'survey.figures',
  'sizing.sources',
  'patent.elements_mapped',
  'patent.citations_resolve',
  'patent.prior_date',
  'patent.rights_alive',
  'patent.search_steps',
  'patent.classification',
  'check.crashed',
] as const;
export type DeliverableCheckCode = (typeof deliverableCheckCodes)[number];

export const deliverableCheckMessageKeys = [
  'requiredSectionMissing',
  'requiredSectionEmpty',
  'requiredSectionsPass',
  'requiredSectionsNone',
  'methodologyMissing',
  'methodologyThin',
  'methodologyPass',
  'knowledgeTransferMissing',
  'knowledgeTransferThin',
  'knowledgeTransferPass',
  'claimsUncited',
  'claimsCitedPass',
  'claimsNone',
  'citationUnknown',
  'referenceUnresolved',
  'referenceUnlocated',
  'referencesPass',
  'referencesNone',
  'glossaryVariant',
  'spellingVariant',
  'glossaryPass',
  'modelUnavailable',
  'modelAvailable',
  'surveyUnavailable',
  'surveyAvailable',
  'tableUnavailable',
  'baseBelowMinimum',
  'basesPass',
  'baseNotShown',
  'percentWithoutBase',
  'basesShownPass',
  'claimNotSignificant',
  'claimReversed',
  'claimSignificant',
  'claimCellUnknown',
  'claimsSupportedPass',
  'claimsNoneMade',
  'weightingLowEfficiency',
  'weightingEfficiencyPass',
  'weightingNone',
  'figureNotInData',
  'figuresPass',
  'figuresNone',
  'sizingUnavailable',
  'sizingSourceMissing',
  'sizingSourcesPass',
  'chartsNone',
  'chartNoDocuments',
  'elementUnmapped',
  'elementUndecided',
  'elementsMappedPass',
  'patentsUnavailable',
  'citationNotInCorpus',
  'citationsResolvePass',
  'priorityDateMissing',
  'artAfterPriority',
  'priorArtPass',
  'rightStatusMissing',
  'rightNotAlive',
  'rightExpired',
  'rightsAlivePass',
  'stepsNone',
  'stepFormulaMissing',
  'stepHitsMissing',
  'searchStepsPass',
  'classificationMalformed',
  'classificationPass',
  'checkCrashed',
] as const;
export type DeliverableCheckMessageKey = (typeof deliverableCheckMessageKeys)[number];

/** A generic check's message: which text, and the values it is built from. */
export interface DeliverableCheckMessage {
  key: DeliverableCheckMessageKey;
  params: MessageParams;
}

const ja: Record<DeliverableCheckMessageKey, string> = {
  requiredSectionMissing: '必須セクション「{{role}}」がありません。',
  requiredSectionEmpty: '必須セクション「{{role}}」（{{title}}）の本文が空です。',
  requiredSectionsPass: '必須セクション（{{count}} 件）はすべてそろっています。',
  requiredSectionsNone: 'この案件では必須セクションが指定されていません。',
  methodologyMissing: '「方法論」のセクションがありません。調査の手法、情報源、前提と限界を記述してください。',
  methodologyThin:
    '方法論の記述が {{length}} 文字しかありません（目安は {{minimum}} 文字以上）。調査の手法、情報源、前提と限界を具体的に記述してください。',
  methodologyPass: '方法論が記述されています（{{length}} 文字）。',
  knowledgeTransferMissing:
    '「ナレッジ移転」のセクションがありません。貴社側で再現・更新できるよう、手順、判断基準、引き継ぎ事項を記述してください。',
  knowledgeTransferThin:
    'ナレッジ移転の記述が {{length}} 文字しかありません（目安は {{minimum}} 文字以上）。手順、判断基準、引き継ぎ事項を具体的に記述してください。',
  knowledgeTransferPass: 'ナレッジ移転が記述されています（{{length}} 文字）。',
  claimsUncited: '調査結果のセクション「{{title}}」に、出典一覧にある出典の引用がありません。',
  claimsCitedPass: '調査結果のセクション（{{count}} 件）はすべて出典を引用しています。',
  claimsNone: '調査結果のセクションはありません。',
  citationUnknown: 'セクション「{{title}}」が、出典一覧にない出典「{{reference}}」を引用しています。',
  referenceUnresolved: '出典「{{title}}」が指す文書が、この案件の文書にありません（削除済みか、別の案件の文書です）。',
  referenceUnlocated: '出典「{{title}}」には文書も URL も指定されていません。所在を示してください。',
  referencesPass: 'この案件の文書を指す出典（{{count}} 件）は、すべて文書が見つかりました。',
  referencesNone: 'この案件の文書を指す出典はありません。',
  glossaryVariant: 'セクション「{{title}}」で「{{variant}}」が {{count}} 回使われています。用語集の表記「{{term}}」に統一してください。',
  spellingVariant:
    '表記ゆれ：「{{variant}}」（{{variantCount}} 回）と「{{form}}」（{{count}} 回）が混在しています。どちらかに統一してください（多いのは「{{form}}」です）。',
  glossaryPass: '用語の表記は統一されています（用語集 {{terms}} 語）。',
  modelUnavailable: '参照している財務モデル（第 {{version}} 版）を読み込めませんでした。共有されているか確認してください。',
  modelAvailable: '財務モデル（第 {{version}} 版）を読み込み、チェックしました。',
  surveyUnavailable: '参照している調査データ（第 {{version}} 版）を読み込めませんでした。',
  surveyAvailable: '調査データ（第 {{version}} 版、回答者 {{respondents}} 人）を読み込み、集計表を再計算しました。',
  tableUnavailable: '集計表「{{table}}」を再計算できませんでした。設問「{{question}}」がこの版にないか、この形では集計できません。',
  baseBelowMinimum:
    '集計表「{{table}}」の列「{{column}}」のベースが {{base}} で、最低基準 {{minimum}} を下回っています。結果は参考値として扱い、その旨を注記してください。',
  basesPass: 'すべての集計表の列ベースが最低基準 {{minimum}} 以上です（{{tables}} 表）。',
  baseNotShown: '集計表「{{table}}」はベース（各列の n）を示さずに比率を載せています。',
  percentWithoutBase:
    'セクション「{{title}}」は比率（{{figure}} など）を述べていますが、ベース（n=…）が本文にも同じセクションの集計表にもありません。',
  basesShownPass: '比率にはすべてベースが示されています。',
  claimNotSignificant:
    '「{{table}}」で「{{row}}」は「{{column}}」が「{{than}}」より高いとしていますが、列比率の検定では有意差がありません（α = {{alpha}}）。',
  claimReversed:
    '「{{table}}」で「{{row}}」は「{{column}}」が「{{than}}」より高いとしていますが、検定では逆に「{{than}}」の方が有意に高くなっています。',
  claimSignificant:
    '「{{table}}」で「{{row}}」は「{{column}}」と「{{than}}」に差がないとしていますが、検定では有意差があります（α = {{alpha}}）。',
  claimCellUnknown: '「{{table}}」に、主張が指す行または列「{{label}}」がありません。',
  claimsSupportedPass: '有意差に関する主張（{{count}} 件）は、すべて検定結果と一致しています。',
  claimsNoneMade: '有意差に関する主張はありません。',
  weightingLowEfficiency:
    'ウェイト付けの効率が {{efficiency}}（有効サンプルサイズ {{effective}} / 回答者 {{respondents}}）で、基準 {{threshold}} を下回っています。ウェイトの幅やトリミングを見直してください。',
  weightingEfficiencyPass: 'ウェイト付けの効率は {{efficiency}} です（基準 {{threshold}} 以上、有効サンプルサイズ {{effective}}）。',
  weightingNone: '集計表はウェイトなしです。',
  figureNotInData: 'セクション「{{title}}」の数値「{{figure}}」が、集計表にも市場規模推計にも見つかりません。',
  figuresPass: '本文の数値（{{count}} 件）はすべて集計表または市場規模推計にあります。',
  figuresNone: '本文に照合する数値（%、ポイント、n=、円）はありません。',
  sizingUnavailable: '参照している市場規模推計（第 {{version}} 版）を読み込めませんでした。',
  sizingSourceMissing: '市場規模推計「{{sizing}}」の前提「{{factor}}」に出典がありません。',
  sizingSourcesPass: '市場規模推計の前提（{{count}} 件）にはすべて出典があります。',
  chartsNone: '独立請求項のクレームチャートがありません（{{kind}}）。各構成要件を対比してください。',
  chartNoDocuments: 'クレームチャート「{{chart}}」に対比する文献がありません。',
  elementUnmapped: 'クレームチャート「{{chart}}」の構成要件 {{element}} が文献 {{document}} と対比されていません。',
  elementUndecided:
    'クレームチャート「{{chart}}」の構成要件 {{element}} × {{document}} は判断が未確定です（ツールの提案：{{suggestion}}）。',
  elementsMappedPass: '独立請求項の構成要件（{{charts}} 件のチャート、{{elements}} 要件）はすべて対比・判断済みです。',
  patentsUnavailable: '引用文献を調査対象のコーパスで照合できませんでした。',
  citationNotInCorpus: '文献 {{number}} が調査対象のコーパスにありません。',
  citationsResolvePass: '引用文献（{{count}} 件）はすべてコーパスにあります。',
  priorityDateMissing: '無効資料調査の対象特許の優先日がありません。',
  artAfterPriority: '文献 {{number}} の公開日 {{published}} は対象特許の優先日 {{priority}} 以後であり、先行技術になりません。',
  priorArtPass: '無効資料（{{count}} 件）はすべて優先日 {{priority}} より前に公開されています。',
  rightStatusMissing: '文献 {{number}} の法的状態または存続期間満了予定日がありません。',
  rightNotAlive: '文献 {{number}} は {{date}} 時点で存続していません（状態：{{status}}）。侵害予防調査の対象外です。',
  rightExpired: '文献 {{number}} の存続期間は {{expiry}} に満了予定で、報告日 {{date}} には満了しています。',
  rightsAlivePass: '侵害予防調査の権利（{{count}} 件）はすべて {{date}} 時点で存続しています。',
  stepsNone: '検索式の記録がありません。検索式とヒット件数（母集合）を記載してください。',
  stepFormulaMissing: '検索ステップ {{step}} に検索式がありません。',
  stepHitsMissing: '検索ステップ {{step}} にヒット件数がありません。',
  searchStepsPass: '検索ステップ（{{count}} 件）はすべて検索式とヒット件数を記録しています。',
  classificationMalformed: '分類記号「{{code}}」は CPC・IPC の正しい表記ではありません。',
  classificationPass: '分類記号（{{count}} 件）はすべて正しい表記です。',
  checkCrashed: 'チェック「{{check}}」を実行できませんでした（内部エラー）。',
};

const en: Record<DeliverableCheckMessageKey, string> = {
  requiredSectionMissing: 'The required section “{{role}}” is missing.',
  requiredSectionEmpty: 'The required section “{{role}}” ({{title}}) has no text.',
  requiredSectionsPass: 'All {{count}} required sections are present.',
  requiredSectionsNone: 'The engagement requires no particular sections.',
  methodologyMissing: 'There is no methodology section: describe the method, the sources, the assumptions and the limits.',
  methodologyThin:
    'The methodology is only {{length}} characters long (aim for at least {{minimum}}): describe the method, the sources, the assumptions and the limits.',
  methodologyPass: 'The methodology is described ({{length}} characters).',
  knowledgeTransferMissing:
    'There is no knowledge-transfer section: describe the steps, the judgement calls and what to hand over, so the client can repeat and update the work.',
  knowledgeTransferThin:
    'The knowledge transfer is only {{length}} characters long (aim for at least {{minimum}}): describe the steps, the judgement calls and what to hand over.',
  knowledgeTransferPass: 'The knowledge transfer is described ({{length}} characters).',
  claimsUncited: 'The findings section “{{title}}” cites no reference from the list of references.',
  claimsCitedPass: 'Every findings section ({{count}}) cites at least one reference.',
  claimsNone: 'There is no findings section.',
  citationUnknown: 'Section “{{title}}” cites “{{reference}}”, which is not in the list of references.',
  referenceUnresolved:
    'The reference “{{title}}” points to a document that is not among this engagement’s documents (deleted, or another engagement’s).',
  referenceUnlocated: 'The reference “{{title}}” names neither a document nor a URL: say where it can be found.',
  referencesPass: 'All {{count}} references to the engagement’s documents resolve.',
  referencesNone: 'No reference points to one of the engagement’s documents.',
  glossaryVariant: 'Section “{{title}}” uses “{{variant}}” {{count}} time(s); the glossary spells it “{{term}}”.',
  spellingVariant:
    'Inconsistent spelling: “{{variant}}” ({{variantCount}}×) and “{{form}}” ({{count}}×) are both used; use one (“{{form}}” is the more frequent).',
  glossaryPass: 'Terms are spelled consistently ({{terms}} glossary terms checked).',
  modelUnavailable: 'The referenced financial model (version {{version}}) could not be loaded: check that it exists and is shared.',
  modelAvailable: 'The financial model (version {{version}}) was loaded and checked.',
  surveyUnavailable: 'The referenced survey data (version {{version}}) could not be loaded.',
  surveyAvailable: 'The survey data (version {{version}}, {{respondents}} respondents) was loaded and the tables recomputed.',
  tableUnavailable:
    'The table “{{table}}” could not be recomputed: the question “{{question}}” is not in this version or cannot be tabulated this way.',
  baseBelowMinimum:
    'In “{{table}}”, the column “{{column}}” has a base of {{base}}, below the minimum of {{minimum}}: treat it as indicative and say so.',
  basesPass: 'Every column base is at least {{minimum}} ({{tables}} tables).',
  baseNotShown: 'The table “{{table}}” shows percentages without its bases (n per column).',
  percentWithoutBase:
    'Section “{{title}}” states percentages ({{figure}}, …) but gives no base (n=…), neither in its text nor in a table shown with it.',
  basesShownPass: 'Every percentage is shown with its base.',
  claimNotSignificant:
    'In “{{table}}”, the report says “{{row}}” is higher among “{{column}}” than “{{than}}”, but the column-proportion test finds no significant difference (α = {{alpha}}).',
  claimReversed:
    'In “{{table}}”, the report says “{{row}}” is higher among “{{column}}” than “{{than}}”, but the test finds “{{than}}” significantly higher.',
  claimSignificant:
    'In “{{table}}”, the report says “{{row}}” does not differ between “{{column}}” and “{{than}}”, but the test finds a significant difference (α = {{alpha}}).',
  claimCellUnknown: 'The table “{{table}}” has no row or column “{{label}}” that a claim names.',
  claimsSupportedPass: 'All {{count}} claims about significant differences agree with the tests.',
  claimsNoneMade: 'The report makes no claim about significant differences.',
  weightingLowEfficiency:
    'The weighting’s efficiency is {{efficiency}} (effective sample {{effective}} of {{respondents}} respondents), below the threshold of {{threshold}}: review the weights’ spread or trim them.',
  weightingEfficiencyPass: 'The weighting’s efficiency is {{efficiency}} (at least {{threshold}}; effective sample {{effective}}).',
  weightingNone: 'The tables are unweighted.',
  figureNotInData: 'Section “{{title}}” states “{{figure}}”, which appears in none of the tables or market sizings.',
  figuresPass: 'All {{count}} figures in the text appear in the tables or market sizings.',
  figuresNone: 'The text states no figures to compare (%, points, n=, yen).',
  sizingUnavailable: 'The referenced market sizing (version {{version}}) could not be loaded.',
  sizingSourceMissing: 'The assumption “{{factor}}” of the market sizing “{{sizing}}” has no source.',
  sizingSourcesPass: 'All {{count}} assumptions of the market sizings have a source.',
  chartsNone: 'There is no claim chart of an independent claim ({{kind}}). Chart each element.',
  chartNoDocuments: 'The claim chart “{{chart}}” compares no document.',
  elementUnmapped: 'Element {{element}} of the claim chart “{{chart}}” is not mapped against {{document}}.',
  elementUndecided:
    'Element {{element}} × {{document}} of the claim chart “{{chart}}” has no analyst judgement (the tool suggests: {{suggestion}}).',
  elementsMappedPass: 'Every element of the independent claims ({{charts}} charts, {{elements}} elements) is mapped and judged.',
  patentsUnavailable: 'The cited documents could not be looked up in the corpora searched.',
  citationNotInCorpus: '{{number}} is not a document of the corpora searched.',
  citationsResolvePass: 'All {{count}} cited documents are in the corpora.',
  priorityDateMissing: 'The invalidity search names no priority date of the target patent.',
  artAfterPriority: '{{number}} was published on {{published}}, not before the priority date {{priority}}: it is not prior art.',
  priorArtPass: 'All {{count}} documents were published before the priority date {{priority}}.',
  rightStatusMissing: '{{number}} has no legal status or expected expiry.',
  rightNotAlive: '{{number}} is not in force on {{date}} (status: {{status}}): it does not belong in an FTO list.',
  rightExpired: '{{number}} is expected to expire on {{expiry}}, before the report date {{date}}.',
  rightsAlivePass: 'All {{count}} rights are in force on {{date}}.',
  stepsNone: 'No search step is recorded. Give each formula and its hit count.',
  stepFormulaMissing: 'Search step {{step}} has no formula.',
  stepHitsMissing: 'Search step {{step}} has no hit count.',
  searchStepsPass: 'All {{count}} search steps record their formula and hit count.',
  classificationMalformed: '“{{code}}” is not a CPC or IPC code in a known spelling.',
  classificationPass: 'All {{count}} classification codes are well formed.',
  checkCrashed: 'The check “{{check}}” could not run (internal error).',
};

export const deliverableCheckMessages: Record<CheckLanguage, Record<DeliverableCheckMessageKey, string>> = { ja, en };

/** What each check is called where the review page lists them. */
export const deliverableCheckTitles: Record<CheckLanguage, Record<DeliverableCheckCode, string>> = {
  ja: {
    'report.required_sections': '必須セクション',
    'report.methodology': '方法論の記述',
    'report.knowledge_transfer': 'ナレッジ移転の記述',
    'report.claims_cited': '調査結果の出典',
    'report.citation_unknown': '引用の参照先',
    'report.references_resolve': '出典の参照先',
    'report.reference_unlocated': '出典の所在',
    'report.glossary': '用語の統一',
    'model.unavailable': '財務モデルの参照',
    'survey.unavailable': '調査データの参照',
    'survey.table': '集計表の再計算',
    'survey.base_minimum': '最低ベース',
    'survey.base_shown': 'ベースの表示',
    'survey.significance': '有意差の主張',
    'survey.weighting_efficiency': 'ウェイト付けの効率',
    'survey.figures': '本文の数値とデータの照合',
    'sizing.sources': '市場規模の前提の出典',
    'patent.elements_mapped': '構成要件の対比',
    'patent.citations_resolve': '引用文献の照合',
    'patent.prior_date': '優先日前の公開',
    'patent.rights_alive': '権利の存続',
    'patent.search_steps': '検索式とヒット件数',
    'patent.classification': '分類記号の表記',
    'check.crashed': 'チェックの実行',
  },
  en: {
    'report.required_sections': 'Required sections',
    'report.methodology': 'Methodology',
    'report.knowledge_transfer': 'Knowledge transfer',
    'report.claims_cited': 'Findings cite sources',
    'report.citation_unknown': 'Citations name known references',
    'report.references_resolve': 'References resolve',
    'report.reference_unlocated': 'References say where to find them',
    'report.glossary': 'Consistent terminology',
    'model.unavailable': 'Financial model available',
    'survey.unavailable': 'Survey data available',
    'survey.table': 'Tables recomputed',
    'survey.base_minimum': 'Minimum bases',
    'survey.base_shown': 'Bases shown',
    'survey.significance': 'Significance claims',
    'survey.weighting_efficiency': 'Weighting efficiency',
    'survey.figures': 'Figures in the text match the data',
    'sizing.sources': 'Sizing assumptions cite sources',
    'patent.elements_mapped': 'Claim elements mapped',
    'patent.citations_resolve': 'Citations in the corpus',
    'patent.prior_date': 'Art before the priority date',
    'patent.rights_alive': 'Rights in force',
    'patent.search_steps': 'Formulas and hit counts',
    'patent.classification': 'Classification codes',
    'check.crashed': 'Check ran',
  },
};

/** A section role's name for people. */
export const sectionRoleLabels: Record<CheckLanguage, Record<SectionRole, string>> = {
  ja: {
    summary: '要約',
    claims: '調査結果',
    methodology: '方法論',
    knowledge_transfer: 'ナレッジ移転',
    sources: '出典',
    appendix: '付録',
    other: 'その他',
  },
  en: {
    summary: 'Summary',
    claims: 'Findings',
    methodology: 'Methodology',
    knowledge_transfer: 'Knowledge transfer',
    sources: 'Sources',
    appendix: 'Appendix',
    other: 'Other',
  },
};

const isKey = <K extends string>(record: Record<K, string>, key: string): key is K => Object.hasOwn(record, key);

/** A generic check's message in a language; values that are codes (a section role, a check) are worded here. */
export function deliverableCheckMessageText(message: DeliverableCheckMessage, lang: CheckLanguage): string {
  const params: MessageParams = { ...message.params };
  const roles = sectionRoleLabels[lang];
  const titles = deliverableCheckTitles[lang];
  if (typeof params.role === 'string' && isKey(roles, params.role)) params.role = roles[params.role];
  if (typeof params.check === 'string' && isKey(titles, params.check)) params.check = titles[params.check];
  return interpolate(deliverableCheckMessages[lang][message.key], params);
}

/**
 * A finding of a deliverable's checks in the reader's language, from whichever catalog words it.
 * `caseLabel` names a financial model's scenario as the reader knows it (its label). A key this
 * build does not know (a newer server's) is shown as it is rather than hidden.
 */
export function renderDeliverableFinding(
  finding: DeliverableFinding,
  lang: CheckLanguage,
  caseLabel?: (scenario: string) => string,
): string {
  const { key, params } = finding.message;
  if (finding.catalog === 'financial_model') {
    if (!isKey(checkMessages[lang], key)) return key;
    const message: CheckMessage = { key, params };
    return checkMessageText(message, lang, caseLabel);
  }
  if (!isKey(deliverableCheckMessages[lang], key)) return key;
  return deliverableCheckMessageText({ key, params }, lang);
}
