import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../../shared/contracts/market-research';
import {
  editableCodebook,
  ignoredColumns,
  localProblems,
  questionForColumn,
  questionIndexOf,
  sampleValues,
  toCodebook,
  withType,
} from './codebook';

const codebook: Codebook = {
  questions: [
    {
      key: 'Q1',
      text: '',
      type: 'single',
      columns: ['Q1'],
      multipleFormat: 'binary_columns',
      delimiter: ';',
      values: [
        { value: '1', label: '1' },
        { value: '2', label: '2' },
      ],
      missing: ['NA'],
      scale: null,
      reverse: false,
      grid: null,
    },
    {
      key: 'Q8',
      text: '',
      type: 'multiple',
      columns: ['Q8_1', 'Q8_2'],
      multipleFormat: 'binary_columns',
      delimiter: ';',
      values: [],
      missing: ['NA'],
      scale: null,
      reverse: false,
      grid: null,
    },
  ],
  weightColumn: null,
};

describe('the codebook editor', () => {
  it('round-trips a codebook without its row ids, blank grids as none', () => {
    const edited = editableCodebook(codebook);
    expect(toCodebook(edited)).toEqual(codebook);
    const q = edited.questions[0];
    if (!q) throw new Error('no question');
    edited.questions[0] = { ...q, grid: '  ' };
    expect(toCodebook(edited).questions[0]?.grid).toBeNull();
  });

  it('gives a Likert question its default scale and a single choice the sample codes', () => {
    const [q1] = editableCodebook(codebook).questions;
    if (!q1) throw new Error('no question');
    const likert = withType(q1, 'likert');
    expect(likert.scale).toEqual({ min: 1, max: 5 });
    const open = withType(likert, 'open');
    expect(open.scale).toBeNull();
    const single = withType({ ...open, values: [] }, 'single', ['1', '2', '3']);
    expect(single.values.map((v) => v.value)).toEqual(['1', '2', '3']);
  });

  it('keeps one column when a multiple choice becomes another type, freeing the rest', () => {
    const edited = editableCodebook(codebook);
    const q8 = edited.questions[1];
    if (!q8) throw new Error('no question');
    edited.questions[1] = withType(q8, 'open');
    expect(edited.questions[1]?.columns).toEqual(['Q8_1']);
    expect(ignoredColumns(['ID', 'Q1', 'Q8_1', 'Q8_2'], edited)).toEqual(['ID', 'Q8_2']);
    expect(questionForColumn('Q8_2', ['0', '1']).type).toBe('single');
  });

  it('sees empty and repeated keys and a single choice without codes', () => {
    const edited = editableCodebook(codebook);
    const [a, b] = edited.questions;
    if (!a || !b) throw new Error('no question');
    edited.questions = [
      { ...a, values: [] },
      { ...b, key: 'Q1' },
    ];
    const problems = localProblems(edited);
    expect(problems.get(a.rowId)).toEqual(['duplicate_key', 'values_required']);
    expect(problems.get(b.rowId)).toEqual(['duplicate_key']);
  });

  it('reads the question an issue names, with or without the request prefix', () => {
    expect(questionIndexOf(['codebook', 'questions', 3, 'values'])).toBe(3);
    expect(questionIndexOf(['questions', 0, 'rows', 12])).toBe(0);
    expect(questionIndexOf(['weightColumn'])).toBeNull();
  });

  it('lists the sample values of a column in numeric order', () => {
    expect(sampleValues({ header: ['a'], sample: [['10'], ['2'], [''], ['2']] }, 'a')).toEqual(['2', '10']);
  });
});
