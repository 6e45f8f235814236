import { describe, expect, it } from 'vitest';
import { competitorMatrixSchema } from '../../../shared/contracts/market-sizing';
import { cellId, freeKey, newCompetitor, newFeature, positioningProblems, toMatrixForm, toMatrixRequest } from './matrixForm';

const matrix = competitorMatrixSchema.parse({
  title: 'Apps',
  competitors: [
    { key: 'a', name: 'A', plans: [{ name: 'Monthly', amount: 480, period: 'month' }] },
    { key: 'b', name: 'B', url: 'https://b.example' },
  ],
  features: [
    { kind: 'level', key: 'scan', label: 'Scan' },
    { kind: 'number', key: 'price', label: 'Price', unit: '円' },
    { kind: 'boolean', key: 'ads', label: 'No ads' },
    { kind: 'text', key: 'memo', label: 'Memo' },
  ],
  cells: [
    { competitor: 'a', feature: 'scan', value: 2 },
    { competitor: 'a', feature: 'price', value: 480 },
    { competitor: 'b', feature: 'ads', value: false },
    { competitor: 'b', feature: 'memo', value: 'bank only' },
  ],
});

describe('the matrix form', () => {
  it('gives back the matrix and the positioning it was made from', () => {
    const out = toMatrixRequest(toMatrixForm(matrix, { x: 'price', y: 'scan' }));
    expect(competitorMatrixSchema.parse(out.matrix)).toEqual(matrix);
    expect(out.positioning).toEqual({ x: 'price', y: 'scan' });
  });

  it('keeps the cells when a key is renamed, and leaves unknown cells out', () => {
    const form = toMatrixForm(matrix, null);
    const a = form.competitors[0];
    if (!a) throw new Error('no competitor');
    a.key = 'app-a';
    const out = toMatrixRequest(form);
    expect(out.matrix.cells.filter((c) => c.competitor === 'app-a').map((c) => c.feature)).toEqual(['scan', 'price']);
    expect(out.matrix.cells).toHaveLength(4);
    expect(out).not.toHaveProperty('positioning');
  });

  it('drops a value that no longer fits its feature after a kind change, and a positioning on a non-axis feature', () => {
    const form = toMatrixForm(matrix, { x: 'price', y: 'scan' });
    const scan = form.features[0];
    if (!scan) throw new Error('no feature');
    scan.kind = 'boolean';
    const out = toMatrixRequest(form);
    expect(out.matrix.cells.some((c) => c.feature === 'scan')).toBe(false);
    expect(out).not.toHaveProperty('positioning');
  });

  it('adds competitors and features with free keys and blank cells', () => {
    const form = toMatrixForm(matrix, null);
    const c = newCompetitor(form.competitors.map((x) => x.key));
    const f = newFeature(['f1']);
    expect(c.key).toBe('c1');
    expect(f.key).toBe('f2');
    form.competitors.push({ ...c, name: 'New' });
    form.features.push({ ...f, label: 'Family', kind: 'boolean' });
    form.cells[cellId(c.id, f.id)] = true;
    const out = toMatrixRequest(form);
    expect(out.matrix.cells.at(-1)).toEqual({ competitor: 'c1', feature: 'f2', value: true });
    expect(competitorMatrixSchema.safeParse(out.matrix).success).toBe(true);
    expect(freeKey('x', [])).toBe('x1');
  });

  it('says when the positioning has one axis only, or an axis that no longer has numbers or levels', () => {
    const form = toMatrixForm(matrix, null);
    const [scan, price, ads] = form.features;
    if (!scan || !price || !ads) throw new Error('no features');
    expect(positioningProblems(form)).toEqual({});
    form.positioning = { x: price.id, y: '' };
    expect(positioningProblems(form)).toEqual({ y: 'missing' });
    form.positioning = { x: '', y: scan.id };
    expect(positioningProblems(form)).toEqual({ x: 'missing' });
    form.positioning = { x: ads.id, y: scan.id };
    expect(positioningProblems(form)).toEqual({ x: 'notAxis' });
    form.positioning = { x: 'removed', y: scan.id };
    expect(positioningProblems(form)).toEqual({ x: 'notAxis' });
    form.positioning = { x: price.id, y: scan.id };
    expect(positioningProblems(form)).toEqual({});
    form.positioning = { x: '', y: '' };
    expect(positioningProblems(form)).toEqual({});
  });
});
