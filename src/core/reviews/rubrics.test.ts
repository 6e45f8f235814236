import { describe, expect, it } from 'vitest';
import { RUBRIC_WEIGHT_TOLERANCE, rubricInputSchema } from '../../shared/contracts/deliverables.js';
import { engagementTypes } from '../../shared/contracts/engagements.js';
import { builtInRubric, builtInRubricById } from './rubrics.js';

describe('built-in rubrics', () => {
  it.each(engagementTypes)('%s: is a valid rubric (weights sum to 1, an anchor per level, keys once)', (type) => {
    const r = builtInRubric(type);
    const parsed = rubricInputSchema.safeParse({
      name: r.name,
      engagementType: r.engagementType,
      scale: { min: r.scaleMin, max: r.scaleMax },
      criteria: r.criteria,
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(Math.abs(r.criteria.reduce((s, c) => s + c.weight, 0) - 1)).toBeLessThanOrEqual(RUBRIC_WEIGHT_TOLERANCE);
    for (const c of r.criteria) {
      expect(c.anchors).toHaveLength(r.scaleMax - r.scaleMin + 1);
      expect(new Set(c.anchors).size).toBe(c.anchors.length);
      expect(c.weight).toBeGreaterThan(0);
    }
    expect(new Set(r.criteria.map((c) => c.key)).size).toBe(r.criteria.length);
  });

  it.each(engagementTypes)('%s: is kpo’s own (no organisation), of its type, version 1, on a 1–5 scale', (type) => {
    const r = builtInRubric(type);
    expect(r).toMatchObject({ orgId: null, engagementType: type, version: 1, scaleMin: 1, scaleMax: 5, createdBy: null });
    expect(Number.isNaN(Date.parse(r.createdAt))).toBe(false);
  });

  it('every type asks for sources and knowledge transfer', () => {
    for (const type of engagementTypes) {
      const keys = builtInRubric(type).criteria.map((c) => c.key);
      expect(keys, type).toContain('sourcing');
      expect(keys, type).toContain('knowledge_transfer');
    }
  });

  it('has its own criteria per type', () => {
    expect(builtInRubric('market_research').criteria.map((c) => c.key)).toEqual([
      'method_rigour',
      'accuracy',
      'sourcing',
      'clarity',
      'knowledge_transfer',
    ]);
    expect(builtInRubric('patent_research').criteria.map((c) => c.key)).toContain('search_coverage');
    expect(builtInRubric('financial_modeling').criteria.map((c) => c.key)).toContain('assumptions');
    expect(builtInRubric('other').criteria.map((c) => c.key)).toContain('completeness');
  });

  it('anchors run from the bottom of the scale up', () => {
    const [first] = builtInRubric('other').criteria;
    expect(first?.anchors[0]).toMatch(/^Unusable/);
    expect(first?.anchors.at(-1)).toMatch(/^Excellent/);
  });

  it('gives each type its own stable id, found again by id', () => {
    const ids = engagementTypes.map((t) => builtInRubric(t).id);
    expect(new Set(ids).size).toBe(engagementTypes.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const type of engagementTypes) expect(builtInRubricById(builtInRubric(type).id)).toEqual(builtInRubric(type));
    // Stable: the same id every time (stored reviews name it).
    expect(builtInRubric('market_research').id).toBe('00000000-0000-4000-8000-00000000a001');
  });

  it('finds no built-in rubric for another id', () => {
    expect(builtInRubricById('00000000-0000-4000-8000-00000000a999')).toBeNull();
    expect(builtInRubricById('')).toBeNull();
    expect(builtInRubricById('market_research')).toBeNull();
  });
});
