import { describe, expect, it } from 'vitest';
import { type DeliverableContent, deliverableContentSchema, type GlossaryTerm } from '../../../shared/contracts/deliverables.js';
import { renderDeliverableFinding } from '../../../shared/deliverable-check-messages.js';
import { findSpellingVariants, glossaryCheck } from './glossary.js';
import { runChecks } from './registry.js';

/** "variant (count) → form (count)" for each spelling variant found. */
const variants = (...texts: string[]) =>
  findSpellingVariants(texts).map(({ form, variant }) => `${variant.text} (${variant.count}) → ${form.text} (${form.count})`);

const content = (...bodies: string[]): DeliverableContent =>
  deliverableContentSchema.parse({
    type: 'report',
    sections: bodies.map((body, i) => ({ key: `s${i}`, title: `Section ${i}`, role: 'other', body })),
  });

const glossaryFindings = (glossary: GlossaryTerm[], ...bodies: string[]) =>
  glossaryCheck.run(content(...bodies), { requiredSections: [], glossary, documents: [], model: null });

const said = (glossary: GlossaryTerm[], ...bodies: string[]) =>
  glossaryFindings(glossary, ...bodies).map((o) => `${o.status} ${o.message.key} ${JSON.stringify(o.message.params)}`);

describe('findSpellingVariants: Japanese', () => {
  it('finds a katakana word with and without its trailing long-vowel mark', () => {
    expect(variants('サーバとサーバーとサーバー')).toEqual(['サーバ (1) → サーバー (2)']);
    expect(variants('コンピューター と コンピュータ と コンピュータ')).toEqual(['コンピューター (1) → コンピュータ (2)']);
    expect(variants('ドア と ドアー')).toEqual(['ドアー (1) → ドア (1)']);
  });

  it('treats a katakana run as one word: サーバー never holds サーバ, サーバント is another word', () => {
    expect(variants('サーバーとサーバー')).toEqual([]);
    expect(variants('サーバとサーバント')).toEqual([]);
    expect(variants('サーバ・サーバント')).toEqual([]);
  });

  it('finds full- and half-width spellings of the same word', () => {
    expect(variants('ｻｰﾊﾞｰ と サーバー と サーバー')).toEqual(['ｻｰﾊﾞｰ (1) → サーバー (2)']);
    expect(variants('ﾈｼﾞ と ネジ と ネジ')).toEqual(['ﾈｼﾞ (1) → ネジ (2)']);
    expect(variants('ＡＢＣＤ and ABCD and ABCD')).toEqual(['ＡＢＣＤ (1) → ABCD (2)']);
  });

  it('finds the hiragana spelling of a katakana word inside hiragana text', () => {
    expect(variants('ねじを締める。ネジが緩む。ネジを替える。')).toEqual(['ねじ (1) → ネジ (2)']);
    expect(variants('サーバー', 'このさーばーは遅い')).toEqual(['さーばー (1) → サーバー (1)']);
    expect(findSpellingVariants(['サーバー', 'このさーばーは遅い'])).toEqual([
      { form: { text: 'サーバー', count: 1, section: 0 }, variant: { text: 'さーばー', count: 1, section: 1 } },
    ]);
  });

  it('does not find a short hiragana spelling inside another word (タイ/したい, ドル/もどる, ネジ/ねじれる)', () => {
    expect(variants('タイの市場を調査したい。')).toEqual([]);
    expect(variants('ドルで払い、もどる。')).toEqual([]);
    expect(variants('ネジ。ねじれる。')).toEqual([]);
    // …but does on its own or before a particle.
    expect(variants('ネジ。ねじ')).toEqual(['ねじ (1) → ネジ (1)']);
    expect(variants('ネジ。ねじから外す')).toEqual(['ねじ (1) → ネジ (1)']);
  });

  it('does not count a shorter hiragana spelling inside a longer one ending in ー', () => {
    expect(variants('サーバ', 'さーばーを使う')).toEqual([]);
  });

  it('leaves out words too short to compare', () => {
    expect(variants('ル と ルー')).toEqual([]);
    expect(variants('ー と ーー')).toEqual([]);
  });
});

describe('findSpellingVariants: English', () => {
  it('finds a hyphen or a space inside a word', () => {
    expect(variants('Send an e-mail. Send an email. Read the email.')).toEqual(['e-mail (1) → email (2)']);
    expect(variants('The data set and the dataset and the dataset.')).toEqual(['data set (1) → dataset (2)']);
    expect(variants('COVID-19 and covid19')).toEqual(['covid19 (1) → COVID-19 (1)']);
  });

  it('finds the spellings across sections, the form being the most used one', () => {
    expect(findSpellingVariants(['e-mail', 'email', 'Email'])).toEqual([
      { form: { text: 'email', count: 2, section: 1 }, variant: { text: 'e-mail', count: 1, section: 0 } },
    ]);
  });

  it('finds inner capitals', () => {
    expect(variants('DataSet and dataset')).toEqual(['dataset (1) → DataSet (1)']);
  });

  it('does not flag a capital at the start of a sentence or heading', () => {
    expect(variants('Dataset is big. The dataset is big.')).toEqual([]);
    expect(variants('The e-mail. E-mail is good.')).toEqual([]);
    expect(variants('Data set one. The data set.')).toEqual([]);
  });

  it('does not flag an acronym in capitals', () => {
    expect(variants('IT is it. Use it.')).toEqual([]);
    expect(variants('The USA and the usa')).toEqual([]);
    expect(variants('Email me. email me. EMAIL')).toEqual([]);
  });

  it('does not join two words when either is a function word', () => {
    expect(variants('It may be. Maybe not.')).toEqual([]);
    expect(variants('every day and everyday')).toEqual([]);
    expect(variants('set up the setup')).toEqual([]);
  });

  it('joins two words only on one line, and only when the joined word is written too', () => {
    expect(variants('data\nset and dataset')).toEqual([]);
    expect(variants('data set and data set')).toEqual([]);
  });

  it('lists the variants in the order they first appear', () => {
    expect(variants('e-mail first, サーバ then', 'email email サーバー サーバー')).toEqual([
      'e-mail (1) → email (2)',
      'サーバ (1) → サーバー (2)',
    ]);
  });

  it('finds nothing in consistent or empty text', () => {
    expect(findSpellingVariants([])).toEqual([]);
    expect(findSpellingVariants(['', '  '])).toEqual([]);
    expect(variants('The server stores the dataset. サーバーはデータセットを保存する。')).toEqual([]);
  });
});

describe('report.glossary', () => {
  it('passes naming the number of glossary terms when everything is spelled one way', () => {
    expect(said([{ term: 'サーバー', variants: ['サーバ'] }], 'サーバーを使う。')).toEqual(['pass glossaryPass {"terms":1}']);
    expect(said([], '')).toEqual(['pass glossaryPass {"terms":0}']);
  });

  it('warns on a glossary variant per section, with its count', () => {
    const out = glossaryFindings([{ term: 'サーバー', variants: ['サーバ'] }], 'サーバとサーバとサーバー', 'ok', 'サーバを');
    expect(out.map((o) => [o.status, o.message.key, o.message.params, o.location])).toEqual([
      [
        'warn',
        'glossaryVariant',
        { title: 'Section 0', variant: 'サーバ', term: 'サーバー', count: 2 },
        { section: 's0', reference: null, path: ['sections', 0] },
      ],
      [
        'warn',
        'glossaryVariant',
        { title: 'Section 2', variant: 'サーバ', term: 'サーバー', count: 1 },
        { section: 's2', reference: null, path: ['sections', 2] },
      ],
    ]);
  });

  it('does not count a variant inside the term or inside a longer word', () => {
    expect(said([{ term: 'サーバー', variants: ['サーバ'] }], 'サーバーとサーバント')).toEqual(['pass glossaryPass {"terms":1}']);
    expect(said([{ term: 'email', variants: ['mail'] }], 'emails and email')).toEqual(['pass glossaryPass {"terms":1}']);
  });

  it('counts a variant that holds the term', () => {
    expect(said([{ term: 'サーバ', variants: ['サーバー'] }], 'サーバーを使う')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"サーバー","term":"サーバ","count":1}',
    ]);
    expect(said([{ term: 'mail', variants: ['e-mail'] }], 'Send an e-mail')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"e-mail","term":"mail","count":1}',
    ]);
  });

  it('matches a variant regardless of case, once, unless it only differs from the term in case', () => {
    expect(said([{ term: 'email', variants: ['e-mail', 'E-mail', 'E-Mail'] }], 'Send an E-mail')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"e-mail","term":"email","count":1}',
    ]);
    expect(said([{ term: 'JavaScript', variants: ['Javascript'] }], 'JavaScript, javascript and Javascript')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"Javascript","term":"JavaScript","count":1}',
    ]);
  });

  it('ignores variants that are the term or blank', () => {
    expect(said([{ term: 'サーバー', variants: ['サーバー', 'ｻｰﾊﾞｰ'] }], 'サーバーとサーバー')).toEqual(['pass glossaryPass {"terms":1}']);
  });

  it('finds a variant in the section title too', () => {
    const c = deliverableContentSchema.parse({
      type: 'report',
      sections: [{ key: 'a', title: 'E-mail policy', role: 'other', body: 'x' }],
    });
    const out = glossaryCheck.run(c, {
      requiredSections: [],
      glossary: [{ term: 'email', variants: ['e-mail'] }],
      documents: [],
      model: null,
    });
    expect(out.map((o) => o.message.key)).toEqual(['glossaryVariant']);
  });

  it('warns on automatic 表記ゆれ, pointing at the section of the less used spelling', () => {
    const out = glossaryFindings([], 'サーバー、サーバー', 'サーバを使う');
    expect(out.map((o) => [o.status, o.message, o.location])).toEqual([
      [
        'warn',
        { key: 'spellingVariant', params: { form: 'サーバー', count: 2, variant: 'サーバ', variantCount: 1 } },
        { section: 's1', reference: null, path: ['sections', 1] },
      ],
    ]);
  });

  it('leaves to the glossary finding what the glossary rules on, and does not say it twice', () => {
    expect(said([{ term: 'サーバー', variants: ['サーバ'] }], 'サーバとサーバー')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"サーバ","term":"サーバー","count":1}',
    ]);
    expect(said([{ term: 'email', variants: ['e-mail'] }], 'E-mail me an email')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"e-mail","term":"email","count":1}',
    ]);
    expect(said([{ term: 'JavaScript', variants: ['Javascript'] }], 'Javascript and JavaScript')).toEqual([
      'warn glossaryVariant {"title":"Section 0","variant":"Javascript","term":"JavaScript","count":1}',
    ]);
  });

  it('still reports a width difference the glossary does not rule on, and spellings of other words', () => {
    expect(said([{ term: 'サーバー', variants: ['サーバ'] }], 'ｻｰﾊﾞｰとサーバー')).toEqual([
      'warn spellingVariant {"form":"ｻｰﾊﾞｰ","count":1,"variant":"サーバー","variantCount":1}',
    ]);
    expect(said([{ term: 'サーバー', variants: ['サーバ'] }], 'data set and dataset')).toEqual([
      'warn spellingVariant {"form":"data set","count":1,"variant":"dataset","variantCount":1}',
    ]);
  });

  it('renders its findings in both languages', () => {
    const r = runChecks(content('サーバとサーバーとサーバー'), {
      requiredSections: [],
      glossary: [],
      documents: [],
      model: null,
    });
    const f = r.findings.find((x) => x.code === 'report.glossary');
    if (!f) throw new Error('no glossary finding');
    expect(renderDeliverableFinding(f, 'ja')).toBe(
      '表記ゆれ：「サーバ」（1 回）と「サーバー」（2 回）が混在しています。どちらかに統一してください（多いのは「サーバー」です）。',
    );
    expect(renderDeliverableFinding(f, 'en')).toBe(
      'Inconsistent spelling: “サーバ” (1×) and “サーバー” (2×) are both used; use one (“サーバー” is the more frequent).',
    );
  });
});
