import { describe, expect, it } from 'vitest';
import { type CodebookInput, codebookSchema } from '../../../shared/contracts/market-research.js';
import { AppError } from '../../../shared/errors.js';
import { buildDataset, categoricalFromColumn, inferCodebook, numericFromColumn, type ResponseTable, scaleAsCategories } from './dataset.js';

const table: ResponseTable = {
  header: ['ID', '性別', 'Q1_1', 'Q1_2', 'Q1_3', 'Q2', 'NPS', '年収', '自由回答', '空'],
  rows: [
    ['1', '1', '1', '0', '1', '4', '9', '520.5', '価格が高い', ''],
    ['2', '2', '0', '0', '1', '5', '10', '610', '使いやすい', ''],
    ['3', '2', '', '', '', '2', '3', 'NA', '', ''],
    ['4', '1', '1', '1', '0', 'NA', '7', '480', 'サポートが遅い', ''],
  ],
  lines: [2, 3, 4, 5],
};
const codebook = (input: CodebookInput) => codebookSchema.parse(input);
const errorOf = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};

describe('the codebook step', () => {
  it('codes each question type: single, binary multiple choice, Likert, NPS, numeric and open', () => {
    const d = buildDataset(
      table,
      codebook({
        questions: [
          {
            key: 'gender',
            text: '性別',
            type: 'single',
            columns: ['性別'],
            values: [
              { value: '1', label: '男性' },
              { value: '2', label: '女性' },
            ],
          },
          {
            key: 'q1',
            text: '利用サービス',
            type: 'multiple',
            columns: ['Q1_1', 'Q1_2', 'Q1_3'],
            values: [{ value: 'Q1_1', label: 'A社' }],
          },
          { key: 'q2', type: 'likert', columns: ['Q2'], scale: { min: 1, max: 5 }, reverse: true },
          { key: 'nps', type: 'nps', columns: ['NPS'] },
          { key: 'income', type: 'numeric', columns: ['年収'] },
          { key: 'comment', type: 'open', columns: ['自由回答'] },
        ],
      }),
    );
    expect(d.respondents).toBe(4);
    const gender = d.variables.get('gender');
    expect(gender?.kind === 'single' && [...gender.codes]).toEqual([0, 1, 1, 0]);
    expect(gender?.kind === 'single' && gender.categories.map((c) => c.label)).toEqual(['男性', '女性']);
    const q1 = d.variables.get('q1');
    if (q1?.kind !== 'multiple') throw new Error('q1 is multiple choice');
    expect([...q1.answered]).toEqual([1, 1, 0, 1]);
    expect(q1.selected.map((s) => [...s])).toEqual([
      [1, 0, 0, 1],
      [0, 0, 0, 1],
      [1, 1, 0, 0],
    ]);
    expect(q1.categories.map((c) => c.label)).toEqual(['A社', 'Q1_2', 'Q1_3']);
    const q2 = d.variables.get('q2');
    // Reverse keying is the analysis's to apply: the dataset keeps what respondents answered.
    expect(q2?.kind === 'numeric' && [...q2.values]).toEqual([4, 5, 2, Number.NaN]);
    const income = d.variables.get('income');
    expect(income?.kind === 'numeric' && [...income.values]).toEqual([520.5, 610, Number.NaN, 480]);
    expect(d.open.get('comment')?.texts).toEqual(['価格が高い', '使いやすい', null, 'サポートが遅い']);
  });

  it('reads delimited multiple choice from one cell', () => {
    const t: ResponseTable = { header: ['Q'], rows: [['1;3'], ['2'], [''], ['3; 1']] };
    const d = buildDataset(
      t,
      codebook({
        questions: [
          {
            key: 'q',
            type: 'multiple',
            multipleFormat: 'delimited',
            columns: ['Q'],
            values: ['1', '2', '3'].map((v) => ({ value: v, label: `opt ${v}` })),
          },
        ],
      }),
    );
    const q = d.variables.get('q');
    if (q?.kind !== 'multiple') throw new Error('multiple');
    expect([...q.answered]).toEqual([1, 1, 0, 1]);
    expect(q.selected.map((s) => [...s])).toEqual([
      [1, 0, 0, 1],
      [0, 1, 0, 0],
      [1, 0, 0, 1],
    ]);
  });

  it('names every cell outside the codebook or the scale by its line and column, and unknown or empty columns', () => {
    const e = errorOf(() =>
      buildDataset(
        table,
        codebook({
          questions: [
            { key: 'gender', type: 'single', columns: ['性別'], values: [{ value: '1', label: '男性' }] },
            { key: 'q2', type: 'likert', columns: ['Q2'], scale: { min: 1, max: 4 } },
            { key: 'nps', type: 'nps', columns: ['NPS'], missing: [] },
            { key: 'gone', type: 'numeric', columns: ['Q9'] },
            { key: 'empty', type: 'numeric', columns: ['空'] },
          ],
        }),
      ),
    );
    expect(e.reason).toBe('codebook_mismatch');
    expect(e.issues?.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['code_outside_codebook', 'questions.0.rows.3'],
      ['code_outside_codebook', 'questions.0.rows.4'],
      ['not_in_scale', 'questions.1.rows.3'],
      ['unknown_key', 'questions.3.columns.0'],
      ['empty_column', 'questions.4.columns.0'],
    ]);
    expect(e.issues?.[0]?.params).toMatchObject({ line: 3, column: '性別', value: '2' });
  });

  it('refuses weights that are not numbers above zero', () => {
    const t: ResponseTable = {
      header: ['a', 'w'],
      rows: [
        ['1', '1.2'],
        ['2', '0'],
        ['1', 'x'],
      ],
    };
    const e = errorOf(() =>
      buildDataset(
        t,
        codebook({
          questions: [
            {
              key: 'a',
              type: 'single',
              columns: ['a'],
              values: [
                { value: '1', label: '1' },
                { value: '2', label: '2' },
              ],
            },
          ],
          weightColumn: 'w',
        }),
      ),
    );
    expect(e.issues?.map((i) => i.params?.line)).toEqual([3, 4]);
  });

  it('proposes a codebook: binary option columns grouped, NPS by name, numbers, categories and open text; empty columns listed', () => {
    const { codebook: c, emptyColumns } = inferCodebook(table);
    expect(c.questions.map((q) => [q.key, q.type, q.columns.length])).toEqual([
      ['ID', 'numeric', 1],
      ['性別', 'single', 1],
      ['Q1', 'multiple', 3],
      ['Q2', 'single', 1],
      ['NPS', 'nps', 1],
      ['年収', 'numeric', 1],
      ['自由回答', 'single', 1],
    ]);
    expect(emptyColumns).toEqual(['空']);
    // What it proposes is a codebook the schema accepts and the data fits.
    expect(() => buildDataset(table, codebookSchema.parse(c))).not.toThrow();
  });

  it('without a codebook, a column’s distinct values are its categories (numbers in numeric order), NA and empty are missing', () => {
    const t: ResponseTable = {
      header: ['x', 'y'],
      rows: [
        ['10', 'b'],
        ['9', 'NA'],
        ['', 'a'],
        ['10', 'b'],
      ],
    };
    const x = categoricalFromColumn(t, 'x');
    expect(x.categories.map((c) => c.value)).toEqual(['9', '10']);
    expect([...x.codes]).toEqual([1, 0, -1, 1]);
    expect(categoricalFromColumn(t, 'y').categories.map((c) => c.value)).toEqual(['a', 'b']);
    expect(errorOf(() => categoricalFromColumn(t, 'z')).reason).toBe('unknown_variable');
    expect(errorOf(() => numericFromColumn(t, 'y')).issues?.[0]).toMatchObject({ code: 'not_a_number', params: { line: 2 } });
  });

  it('shows a scale question as categories, every point of the scale a column even when nobody chose it', () => {
    const v = scaleAsCategories({ kind: 'numeric', key: 'q', label: 'q', values: Float64Array.from([1, 5, Number.NaN, 2]) }, 1, 5, [
      { value: '5', label: 'とてもそう思う' },
    ]);
    expect(v.categories.map((c) => c.label)).toEqual(['1', '2', '3', '4', 'とてもそう思う']);
    expect([...v.codes]).toEqual([0, 4, -1, 1]);
  });
});
