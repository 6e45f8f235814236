import { describe, expect, it } from 'vitest';
import { marketSizingSchema } from '../../../shared/contracts/market-sizing';
import { emptySizingForm, factorKeys, newFactor, sizingIssuePlace, toSizing, toSizingForm } from './sizingForm';

const sizing = marketSizingSchema.parse({
  market: 'jp-app',
  title: 'App market',
  approach: 'top_down',
  levels: {
    tam: {
      label: 'Everyone',
      factors: [
        {
          key: 'people',
          label: 'People',
          unit: 'count',
          low: 90,
          base: 100,
          high: 110,
          source: { title: 'Census', url: 'https://e.example/c' },
        },
        { key: 'price', label: 'Price', unit: 'money', low: 300, base: 480, high: 600, source: null },
      ],
    },
    sam: {
      factors: [{ key: 'users', label: 'Users', unit: 'share', low: 0.1, base: 0.2, high: 0.3, source: { title: 'Survey', note: 'Q7' } }],
    },
    som: { factors: [] },
  },
});

describe('the sizing form', () => {
  it('gives back the sizing it was made from', () => {
    expect(marketSizingSchema.parse(toSizing(toSizingForm(sizing)))).toEqual(sizing);
  });

  it('sends a source with nothing filled in as null, and trims texts', () => {
    const form = toSizingForm(sizing);
    const f = form.levels.tam.factors[0];
    if (!f) throw new Error('no factor');
    f.sourceTitle = '  ';
    f.sourceUrl = '';
    f.label = '  People 20–59  ';
    const out = toSizing(form);
    expect(out.levels.tam.factors[0]).toMatchObject({ label: 'People 20–59', source: null });
    expect(out.levels.sam.factors[0]?.source).toEqual({ title: 'Survey', note: 'Q7' });
    expect(out.levels.sam).not.toHaveProperty('label');
  });

  it('sends an empty number as NaN, so the server names the field', () => {
    const form = emptySizingForm();
    const out = toSizing(form);
    expect(Number.isNaN(out.levels.tam.factors[0]?.low)).toBe(true);
    expect(marketSizingSchema.safeParse(out).success).toBe(false);
  });

  it('makes a new assumption key no other has', () => {
    const form = toSizingForm(sizing);
    expect(factorKeys(form)).toEqual(['people', 'price', 'users']);
    expect(newFactor(['f1', 'f2', 'f4']).key).toBe('f3');
  });

  it('places an issue by its path under the sizing', () => {
    expect(sizingIssuePlace(['sizing', 'levels', 'tam', 'factors', 0, 'high'])).toBe('levels.tam.factors.0.high');
    expect(sizingIssuePlace(['baseVersion'])).toBe('baseVersion');
  });
});
