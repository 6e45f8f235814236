import { describe, expect, it } from 'vitest';
import { checkMessageKeys } from '../../../shared/check-messages.js';
import {
  type DeliverableCheckReport,
  type DeliverableContent,
  type DeliverableFinding,
  deliverableCheckReportSchema,
  deliverableContentSchema,
  type SectionRole,
} from '../../../shared/contracts/deliverables.js';
import {
  deliverableCheckCodes,
  deliverableCheckMessageKeys,
  renderDeliverableFinding,
} from '../../../shared/deliverable-check-messages.js';
import { checkModel } from '../../workbenches/financial-modeling/checks.js';
import { kennethColeModel } from '../../workbenches/financial-modeling/fixtures.js';
import { parseFinancialModel } from '../../workbenches/financial-modeling/model.js';
import { marketResearchScenarios } from './market-research.fixtures.js';
import { deliverableCheckThresholds, measureText } from './outcome.js';
import { patentResearchScenarios } from './patent-research.fixture.js';
import { type CheckContext, type DeliverableCheck, deliverableChecks, runChecks } from './registry.js';

const DOC_A = '11111111-1111-4111-8111-111111111111';
const DOC_B = '22222222-2222-4222-8222-222222222222';
const MODEL_ID = '33333333-3333-4333-8333-333333333333';

interface SectionInput {
  key: string;
  role: SectionRole;
  body?: string;
  title?: string;
  citations?: string[];
}
interface ReferenceInput {
  id: string;
  title?: string;
  documentId?: string | null;
  url?: string | null;
  locator?: string | null;
}

const section = (s: SectionInput) => ({ title: s.title ?? `Title of ${s.key}`, body: s.body ?? '', ...s });
const reference = (r: ReferenceInput) => ({ title: r.title ?? `Ref ${r.id}`, ...r });

const report = (sections: SectionInput[], references: ReferenceInput[] = []): DeliverableContent =>
  deliverableContentSchema.parse({ type: 'report', sections: sections.map(section), references: references.map(reference) });

const financialModel = (sections: SectionInput[] = [], version = 3): DeliverableContent =>
  deliverableContentSchema.parse({ type: 'financial_model', model: { id: MODEL_ID, version }, sections: sections.map(section) });

const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({
  requiredSections: [],
  glossary: [],
  documents: [{ id: DOC_A, name: 'a.pdf' }],
  model: null,
  ...over,
});

const enText = (n: number) => 'x'.repeat(n);
/** n characters, all kanji or kana. */
const jaText = (n: number) => '調査手法の説明'.repeat(Math.ceil(n / 7)).slice(0, n);

const byCode = (r: DeliverableCheckReport, code: string) => r.findings.filter((f) => f.code === code);
const keysOf = (findings: readonly DeliverableFinding[]) => findings.map((f) => f.message.key);

/** A complete, clean report: every default required section substantive, claims cited, references resolved. */
const cleanSections = (): SectionInput[] => [
  { key: 'summary', role: 'summary', body: 'The market grew.' },
  { key: 'findings', role: 'claims', body: 'Sales rose 5%.', citations: ['r1'] },
  { key: 'method', role: 'methodology', body: enText(250) },
  { key: 'transfer', role: 'knowledge_transfer', body: enText(250) },
];

describe('measureText', () => {
  it('counts code points after NFKC with runs of white space once', () => {
    expect(measureText('a  \n\t b')).toEqual({ length: 3, language: 'en' });
    expect(measureText('   ')).toEqual({ length: 0, language: 'en' });
    // A kanji outside the BMP is one character, not a UTF-16 pair.
    expect(measureText('𠮷野家').length).toBe(3);
    // Full-width Latin is measured as ASCII; half-width katakana as full width (ｶﾞ → ガ, one character).
    expect(measureText('ＡＢＣ')).toEqual({ length: 3, language: 'en' });
    expect(measureText('ｶﾞｲﾄﾞ')).toEqual({ length: 3, language: 'ja' });
  });

  it('measures a text as Japanese from a quarter of its visible characters up', () => {
    // 1 kana in 4 visible characters: exactly the share.
    expect(measureText('あ abc').language).toBe('ja');
    // 1 in 5: below it.
    expect(measureText('あ abcd').language).toBe('en');
    expect(deliverableCheckThresholds.japaneseShare).toBe(0.25);
  });
});

describe('report.required_sections', () => {
  it('passes with "none required" when the engagement requires nothing', () => {
    const r = runChecks(report([]), ctx());
    expect(byCode(r, 'report.required_sections')).toEqual([
      {
        id: 'report.required_sections#1',
        status: 'pass',
        code: 'report.required_sections',
        catalog: 'deliverable',
        location: { section: null, reference: null, path: ['sections'] },
        message: { key: 'requiredSectionsNone', params: {} },
      },
    ]);
  });

  it('passes counting each required role once', () => {
    const r = runChecks(
      report(cleanSections(), [{ id: 'r1', documentId: DOC_A }]),
      ctx({ requiredSections: ['summary', 'summary', 'methodology'] }),
    );
    const [f, ...rest] = byCode(r, 'report.required_sections');
    expect(rest).toEqual([]);
    expect(f?.status).toBe('pass');
    expect(f?.message).toEqual({ key: 'requiredSectionsPass', params: { count: 2 } });
  });

  it('fails once per missing role, pointing at the sections', () => {
    const r = runChecks(
      report([{ key: 'summary', role: 'summary', body: 'Text.' }]),
      ctx({ requiredSections: ['summary', 'claims', 'appendix'] }),
    );
    const found = byCode(r, 'report.required_sections');
    expect(found.map((f) => [f.id, f.status, f.message.key, f.message.params.role, f.location.path])).toEqual([
      ['report.required_sections#1', 'fail', 'requiredSectionMissing', 'claims', ['sections']],
      ['report.required_sections#2', 'fail', 'requiredSectionMissing', 'appendix', ['sections']],
    ]);
  });

  it('fails on a required section with no text (blank counts as empty), pointing at its body', () => {
    const r = runChecks(
      report([
        { key: 'intro', role: 'other', body: 'Hello' },
        { key: 'sum', role: 'summary', title: 'Executive summary', body: ' \n\t ' },
      ]),
      ctx({ requiredSections: ['summary'] }),
    );
    const [f] = byCode(r, 'report.required_sections');
    expect(f?.status).toBe('fail');
    expect(f?.message).toEqual({ key: 'requiredSectionEmpty', params: { role: 'summary', title: 'Executive summary' } });
    expect(f?.location).toEqual({ section: 'sum', reference: null, path: ['sections', 1, 'body'] });
  });

  it('counts a role present when any of its sections has text', () => {
    const r = runChecks(
      report([
        { key: 'a', role: 'appendix', body: '' },
        { key: 'b', role: 'appendix', body: 'Tables.' },
      ]),
      ctx({ requiredSections: ['appendix'] }),
    );
    expect(keysOf(byCode(r, 'report.required_sections'))).toEqual(['requiredSectionsPass']);
  });

  it('applies to a financial model deliverable too', () => {
    const r = runChecks(financialModel([]), ctx({ requiredSections: ['summary'] }));
    expect(keysOf(byCode(r, 'report.required_sections'))).toEqual(['requiredSectionMissing']);
  });
});

describe.each([
  { code: 'report.methodology', role: 'methodology', prefix: 'methodology' },
  { code: 'report.knowledge_transfer', role: 'knowledge_transfer', prefix: 'knowledgeTransfer' },
] as const)('$code', ({ code, role, prefix }) => {
  const { en, ja } = deliverableCheckThresholds.substantiveLength;
  const with_ = (...bodies: string[]) => report(bodies.map((body, i) => ({ key: `s${i}`, role, body })));

  it('leaves a required role’s absence to report.required_sections: one finding, not two', () => {
    const r = runChecks(report([{ key: 'sum', role: 'summary', body: 'x' }]), ctx({ requiredSections: [role] }));
    expect(byCode(r, code)).toEqual([]);
    expect(byCode(r, 'report.required_sections').map((f) => [f.message.key, f.message.params.role])).toEqual([
      ['requiredSectionMissing', role],
    ]);
    // Likewise a required role whose only section is empty.
    const empty = runChecks(with_(''), ctx({ requiredSections: [role] }));
    expect(byCode(empty, code)).toEqual([]);
    expect(keysOf(byCode(empty, 'report.required_sections'))).toEqual(['requiredSectionEmpty']);
  });

  it('fails when absent and not required', () => {
    const r = runChecks(report([]), ctx());
    const [f, ...rest] = byCode(r, code);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ status: 'fail', message: { key: `${prefix}Missing`, params: {} }, location: { path: ['sections'] } });
  });

  it('fails on an empty section when not required, pointing at its body', () => {
    const r = runChecks(
      report([
        { key: 'other', role: 'other', body: 'x' },
        { key: 'm', role, body: '  ' },
      ]),
      ctx(),
    );
    expect(byCode(r, code)).toMatchObject([
      { status: 'fail', message: { key: `${prefix}Missing` }, location: { section: 'm', path: ['sections', 1, 'body'] } },
    ]);
  });

  it('warns below the English bar and passes at it', () => {
    const thin = byCode(runChecks(with_(enText(en - 1)), ctx()), code);
    expect(thin).toMatchObject([
      { status: 'warn', message: { key: `${prefix}Thin`, params: { length: en - 1, minimum: en } }, location: { section: 's0' } },
    ]);
    const enough = byCode(runChecks(with_(enText(en)), ctx()), code);
    expect(enough).toMatchObject([{ status: 'pass', message: { key: `${prefix}Pass`, params: { length: en } } }]);
  });

  it('holds Japanese text to its own, lower bar', () => {
    expect(ja).toBeLessThan(en);
    const thin = byCode(runChecks(with_(jaText(ja - 1)), ctx()), code);
    expect(thin).toMatchObject([{ status: 'warn', message: { params: { length: ja - 1, minimum: ja } } }]);
    const enough = byCode(runChecks(with_(jaText(ja)), ctx()), code);
    expect(enough).toMatchObject([{ status: 'pass', message: { key: `${prefix}Pass`, params: { length: ja } } }]);
    // The same length in English is thin.
    expect(byCode(runChecks(with_(enText(ja)), ctx()), code)[0]?.status).toBe('warn');
  });

  it('does not pad a thin text with white space', () => {
    const padded = `${'word '.repeat(20)}${' '.repeat(400)}\n\n\n`;
    const [f] = byCode(runChecks(with_(padded), ctx()), code);
    expect(f?.status).toBe('warn');
    expect(f?.message.params.length).toBe(99);
  });

  it('measures a text told over several sections as one, pointing at the first with text', () => {
    const half = Math.ceil(en / 2);
    const r = runChecks(
      report([{ key: 'blank', role, body: '' }, ...[0, 1].map((i) => ({ key: `p${i}`, role, body: enText(half) }))]),
      ctx(),
    );
    const [f] = byCode(r, code);
    expect(f?.status).toBe('pass');
    expect(f?.location).toEqual({ section: 'p0', reference: null, path: ['sections', 1, 'body'] });
    // Either part alone is thin.
    expect(byCode(runChecks(with_(enText(half)), ctx()), code)[0]?.status).toBe('warn');
  });
});

describe('report.claims_cited and report.citation_unknown', () => {
  it('passes with "no findings section" when there is none', () => {
    const r = runChecks(report([{ key: 'sum', role: 'summary', body: 'x' }]), ctx());
    expect(byCode(r, 'report.claims_cited')).toMatchObject([{ status: 'pass', message: { key: 'claimsNone', params: {} } }]);
    expect(byCode(r, 'report.citation_unknown')).toEqual([]);
  });

  it('passes when every findings section cites a listed reference', () => {
    const r = runChecks(
      report(
        [
          { key: 'f1', role: 'claims', body: 'a', citations: ['r1'] },
          { key: 'f2', role: 'claims', body: 'b', citations: ['r2', 'r1'] },
        ],
        [
          { id: 'r1', url: 'https://example.com/a' },
          { id: 'r2', url: 'https://example.com/b' },
        ],
      ),
      ctx(),
    );
    expect(byCode(r, 'report.claims_cited')).toMatchObject([{ status: 'pass', message: { key: 'claimsCitedPass', params: { count: 2 } } }]);
  });

  it('fails each findings section that cites nothing listed, and no pass besides', () => {
    const r = runChecks(
      report(
        [
          { key: 'f1', role: 'claims', title: 'Market size', body: 'a' },
          { key: 'f2', role: 'claims', body: 'b', citations: ['r1'] },
          { key: 'f3', role: 'claims', title: 'Prices', body: 'c', citations: ['ghost'] },
        ],
        [{ id: 'r1', url: 'https://example.com/a' }],
      ),
      ctx(),
    );
    const claims = byCode(r, 'report.claims_cited');
    expect(claims.map((f) => [f.id, f.status, f.message.params.title, f.location.section, f.location.path])).toEqual([
      ['report.claims_cited#1', 'fail', 'Market size', 'f1', ['sections', 0, 'citations']],
      ['report.claims_cited#2', 'fail', 'Prices', 'f3', ['sections', 2, 'citations']],
    ]);
    // The unknown citation is its own finding.
    expect(byCode(r, 'report.citation_unknown')).toMatchObject([
      {
        status: 'fail',
        message: { key: 'citationUnknown', params: { title: 'Prices', reference: 'ghost' } },
        location: { section: 'f3', reference: 'ghost', path: ['sections', 2, 'citations', 0] },
      },
    ]);
  });

  it('reports a citation naming no reference in any section, once per section', () => {
    const r = runChecks(
      report(
        [
          { key: 'sum', role: 'summary', body: 'x', citations: ['r1', 'nope', 'nope', 'other'] },
          { key: 'app', role: 'appendix', body: 'y', citations: ['nope'] },
        ],
        [{ id: 'r1', url: 'https://example.com/a' }],
      ),
      ctx(),
    );
    expect(byCode(r, 'report.citation_unknown').map((f) => [f.id, f.location.section, f.location.reference, f.location.path])).toEqual([
      ['report.citation_unknown#1', 'sum', 'nope', ['sections', 0, 'citations', 1]],
      ['report.citation_unknown#2', 'sum', 'other', ['sections', 0, 'citations', 3]],
      ['report.citation_unknown#3', 'app', 'nope', ['sections', 1, 'citations', 0]],
    ]);
    // No findings section: the claims check still passes as "none".
    expect(keysOf(byCode(r, 'report.claims_cited'))).toEqual(['claimsNone']);
  });
});

describe('report.references_resolve and report.reference_unlocated', () => {
  it('passes with "none" when no reference points to a document', () => {
    const r = runChecks(report([], [{ id: 'web', url: 'https://example.com' }]), ctx());
    expect(byCode(r, 'report.references_resolve')).toMatchObject([{ status: 'pass', message: { key: 'referencesNone' } }]);
    expect(byCode(r, 'report.reference_unlocated')).toEqual([]);
  });

  it('passes counting the references that point to the engagement’s documents', () => {
    const r = runChecks(
      report(
        [],
        [
          { id: 'a', documentId: DOC_A, locator: 'p. 3' },
          { id: 'b', documentId: DOC_B },
          { id: 'c', url: 'https://example.com' },
        ],
      ),
      ctx({
        documents: [
          { id: DOC_A, name: 'a' },
          { id: DOC_B, name: 'b' },
        ],
      }),
    );
    expect(byCode(r, 'report.references_resolve')).toMatchObject([
      { status: 'pass', message: { key: 'referencesPass', params: { count: 2 } } },
    ]);
  });

  it('fails a reference to a document the engagement does not have, even with a URL', () => {
    const r = runChecks(
      report(
        [],
        [
          { id: 'ok', documentId: DOC_A },
          { id: 'gone', title: 'Deleted memo', documentId: DOC_B, url: 'https://example.com' },
        ],
      ),
      ctx(),
    );
    expect(byCode(r, 'report.references_resolve')).toEqual([
      {
        id: 'report.references_resolve#1',
        status: 'fail',
        code: 'report.references_resolve',
        catalog: 'deliverable',
        location: { section: null, reference: 'gone', path: ['references', 1, 'documentId'] },
        message: { key: 'referenceUnresolved', params: { title: 'Deleted memo' } },
      },
    ]);
  });

  it('warns on a reference naming neither a document nor a URL, and still passes the rest', () => {
    const r = runChecks(report([], [{ id: 'vague', title: 'Interview notes', locator: 'Q3' }]), ctx());
    expect(byCode(r, 'report.reference_unlocated')).toMatchObject([
      {
        status: 'warn',
        message: { key: 'referenceUnlocated', params: { title: 'Interview notes' } },
        location: { reference: 'vague', path: ['references', 0] },
      },
    ]);
    expect(keysOf(byCode(r, 'report.references_resolve'))).toEqual(['referencesNone']);
  });
});

describe('runChecks', () => {
  it('a clean report passes every check, with one pass finding per check', () => {
    const r = runChecks(
      report(cleanSections(), [{ id: 'r1', documentId: DOC_A }]),
      ctx({ requiredSections: ['summary', 'methodology', 'knowledge_transfer'] }),
    );
    expect(r.status).toBe('pass');
    expect(r.counts).toEqual({ pass: 6, warn: 0, fail: 0 });
    expect(r.findings.map((f) => f.id)).toEqual([
      'report.required_sections#1',
      'report.methodology#1',
      'report.knowledge_transfer#1',
      'report.claims_cited#1',
      'report.references_resolve#1',
      'report.glossary#1',
    ]);
    expect(deliverableCheckReportSchema.parse(r)).toEqual(r);
  });

  it('takes the worst status and counts each', () => {
    const warnOnly = runChecks(
      report([...cleanSections(), { key: 'x', role: 'other', body: 'サーバとサーバー' }], [{ id: 'r1', documentId: DOC_A }]),
      ctx(),
    );
    expect(warnOnly.status).toBe('warn');
    expect(warnOnly.counts).toEqual({ pass: 5, warn: 1, fail: 0 });

    const failing = runChecks(report([{ key: 'f', role: 'claims', body: 'x' }], [{ id: 'v', title: 'Vague' }]), ctx());
    expect(failing.status).toBe('fail');
    expect(failing.counts.fail).toBeGreaterThanOrEqual(3);
    expect(failing.counts.warn).toBe(1);
    expect(failing.counts.pass + failing.counts.warn + failing.counts.fail).toBe(failing.findings.length);
  });

  it('numbers finding ids per code in the order found, unique within the report', () => {
    const r = runChecks(report([]), ctx({ requiredSections: ['summary', 'claims', 'sources'] }));
    const ids = r.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(byCode(r, 'report.required_sections').map((f) => f.id)).toEqual([
      'report.required_sections#1',
      'report.required_sections#2',
      'report.required_sections#3',
    ]);
    for (const f of r.findings) expect(f.id.startsWith(`${f.code}#`)).toBe(true);
  });

  it('runs only the checks that apply to the content’s type', () => {
    const onlyModels: DeliverableCheck = {
      code: 'model.unavailable',
      appliesTo: ['financial_model'],
      run: () => {
        throw new Error('must not run on a report');
      },
    };
    expect(runChecks(report([]), ctx(), [onlyModels])).toEqual({ status: 'pass', counts: { pass: 0, warn: 0, fail: 0 }, findings: [] });
    // The default registry has no model finding for a report, even without a model.
    expect(byCode(runChecks(report([]), ctx()), 'model.unavailable')).toEqual([]);
  });

  it('turns a check that throws into a failed check.crashed finding and runs the others', () => {
    const boom: DeliverableCheck = {
      code: 'report.glossary',
      appliesTo: ['report'],
      run: () => {
        throw new TypeError('bad glossary');
      },
    };
    const fine = deliverableChecks.find((c) => c.code === 'report.required_sections');
    if (!fine) throw new Error('no required_sections check');
    const r = runChecks(report([]), ctx(), [boom, fine, boom]);
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        id: 'check.crashed#1',
        status: 'fail',
        code: 'check.crashed',
        catalog: 'deliverable',
        location: { section: null, reference: null, path: [] },
        message: { key: 'checkCrashed', params: { check: 'report.glossary' } },
      },
      expect.objectContaining({ id: 'report.required_sections#1', status: 'pass' }),
      expect.objectContaining({ id: 'check.crashed#2', code: 'check.crashed' }),
    ]);
    expect(renderDeliverableFinding(r.findings[0] as DeliverableFinding, 'en')).toBe(
      'The check “Consistent terminology” could not run (internal error).',
    );
    expect(renderDeliverableFinding(r.findings[0] as DeliverableFinding, 'ja')).toBe(
      'チェック「用語の統一」を実行できませんでした（内部エラー）。',
    );
  });

  it('copies message params, so a finding does not share objects with what a check returned', () => {
    const params = { check: 'x' };
    const custom: DeliverableCheck = {
      code: 'check.crashed',
      appliesTo: ['report'],
      run: () => [
        {
          status: 'warn',
          code: 'check.crashed',
          catalog: 'deliverable',
          location: { section: null, reference: null, path: [] },
          message: { key: 'checkCrashed', params },
        },
      ],
    };
    const r = runChecks(report([]), ctx(), [custom]);
    params.check = 'changed';
    expect(r.findings[0]?.message.params).toEqual({ check: 'x' });
    expect(r.status).toBe('warn');
  });
});

describe('financial model deliverables', () => {
  const model = () => parseFinancialModel(kennethColeModel());

  it('fail model.unavailable when the named model version cannot be loaded', () => {
    const r = runChecks(financialModel([], 7), ctx());
    expect(byCode(r, 'model.unavailable')).toEqual([
      {
        id: 'model.unavailable#1',
        status: 'fail',
        code: 'model.unavailable',
        catalog: 'deliverable',
        location: { section: null, reference: null, path: ['model'] },
        message: { key: 'modelUnavailable', params: { version: 7 } },
      },
    ]);
    expect(r.findings.some((f) => f.catalog === 'financial_model')).toBe(false);
    expect(r.status).toBe('fail');
  });

  it('say the model loaded, then carry the model’s own findings in its catalog, pointing into the model', () => {
    const m = model();
    const own = checkModel(m).findings;
    expect(own.length).toBeGreaterThan(0);
    const r = runChecks(financialModel(cleanSections(), 2), ctx({ model: m }));
    expect(byCode(r, 'model.unavailable')).toMatchObject([{ status: 'pass', message: { key: 'modelAvailable', params: { version: 2 } } }]);
    const fromModel = r.findings.filter((f) => f.catalog === 'financial_model');
    expect(fromModel.map((f) => [f.code, f.status, f.location.path, f.message])).toEqual(
      own.map((f) => [f.code, f.status, ['model', ...f.path], f.message]),
    );
    for (const f of fromModel) {
      expect(checkMessageKeys).toContain(f.message.key);
      expect(f.location.section).toBeNull();
    }
    // Numbered per model code: the fixture's nine sources.missing warnings are #1…#9.
    expect(byCode(r, 'sources.missing').map((f) => f.id)).toEqual(Array.from({ length: 9 }, (_, i) => `sources.missing#${i + 1}`));
    // The generic checks run on the model deliverable's sections too.
    expect(keysOf(byCode(r, 'report.claims_cited'))).toEqual(['claimsUncited']);
    expect(deliverableCheckReportSchema.parse(r)).toEqual(r);
  });
});

describe('messages', () => {
  /** Contents that, between them, make every check say every one of its messages. */
  const scenarios = (): [DeliverableContent, CheckContext][] => [
    [report([]), ctx()],
    [report(cleanSections(), [{ id: 'r1', documentId: DOC_A }]), ctx({ requiredSections: ['summary'] })],
    [
      report(
        [
          { key: 'sum', role: 'summary', body: '' },
          { key: 'm', role: 'methodology', body: 'Short.' },
          { key: 'kt', role: 'knowledge_transfer', body: '短い。' },
          { key: 'f', role: 'claims', title: 'Findings', body: 'サーバとサーバーとサーバ。Send an e-mail, an email.', citations: ['gone'] },
        ],
        [
          { id: 'bad', title: 'Missing doc', documentId: DOC_B },
          { id: 'nowhere', title: 'Hearsay' },
        ],
      ),
      ctx({ requiredSections: ['summary', 'appendix'], glossary: [{ term: 'email', variants: ['e-mail'] }] }),
    ],
    [financialModel([], 4), ctx()],
    [financialModel(cleanSections(), 5), ctx({ model: parseFinancialModel(kennethColeModel()) })],
  ];
  const crashing: DeliverableCheck = {
    code: 'report.references_resolve',
    appliesTo: ['report'],
    run: () => {
      throw new Error('x');
    },
  };

  it('every message key of the deliverable catalog is said by some check, and each renders in ja and en', () => {
    const reports = [
      ...[...scenarios(), ...marketResearchScenarios(), ...patentResearchScenarios()].map(([c, x]) => runChecks(c, x)),
      runChecks(report([]), ctx(), [crashing]),
    ];
    const findings = reports.flatMap((r) => r.findings);
    const covered = new Set(findings.filter((f) => f.catalog === 'deliverable').map((f) => f.message.key));
    expect([...covered].sort()).toEqual([...deliverableCheckMessageKeys].sort());
    const codes = new Set(findings.filter((f) => f.catalog === 'deliverable').map((f) => f.code));
    expect([...codes].sort()).toEqual([...deliverableCheckCodes].sort());

    for (const f of findings) {
      for (const lang of ['ja', 'en'] as const) {
        const text = renderDeliverableFinding(f, lang);
        expect(text, `${f.id} in ${lang}`).not.toContain('{{');
        expect(text, `${f.id} in ${lang}`).not.toBe(f.message.key);
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });

  it('words section roles and values in the reader’s language', () => {
    const r = runChecks(report([]), ctx({ requiredSections: ['knowledge_transfer'] }));
    const [f] = byCode(r, 'report.required_sections');
    if (!f) throw new Error('no finding');
    expect(renderDeliverableFinding(f, 'ja')).toBe('必須セクション「ナレッジ移転」がありません。');
    expect(renderDeliverableFinding(f, 'en')).toBe('The required section “Knowledge transfer” is missing.');

    const [thin] = byCode(runChecks(report([{ key: 'm', role: 'methodology', body: 'Too short.' }]), ctx()), 'report.methodology');
    if (!thin) throw new Error('no finding');
    expect(renderDeliverableFinding(thin, 'en')).toContain('only 10 characters long (aim for at least 200)');
    expect(renderDeliverableFinding(thin, 'ja')).toContain('10 文字しかありません（目安は 200 文字以上）');
  });

  it('carries only codes and values in a finding, never words in a language', () => {
    for (const [c, x] of [...scenarios(), ...marketResearchScenarios(), ...patentResearchScenarios()])
      for (const f of runChecks(c, x).findings.filter((f) => f.catalog === 'deliverable' && f.message.key !== 'spellingVariant'))
        for (const [name, value] of Object.entries(f.message.params))
          if (name !== 'title' && name !== 'variant' && name !== 'term') expect(String(value)).not.toMatch(/[ぁ-んァ-ン一-龥]/);
  });
});
