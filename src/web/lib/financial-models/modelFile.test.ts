import { describe, expect, it } from 'vitest';
import { MAX_MODEL_FILE_BYTES, readModelFile, uniqueName } from './modelFile';
import { sakura } from './testModel.fixture';

describe('reading a model file', () => {
  it('takes a valid model and suggests its code name', () => {
    const result = readModelFile(JSON.stringify(sakura()), 'sakura.json');
    expect(result).toMatchObject({ ok: true, suggestedName: 'Project Sakura' });
  });

  it('says what is wrong: too large, empty, not JSON, not an object', () => {
    expect(readModelFile('{}', 'a.json', MAX_MODEL_FILE_BYTES + 1)).toEqual({ ok: false, problem: 'too_large' });
    expect(readModelFile('  \n', 'a.json')).toEqual({ ok: false, problem: 'empty' });
    // Where it breaks, as a line and column (the parser's own English words are not shown).
    expect(readModelFile('{\n  "schemaVersion": 1,\n  x\n}', 'a.json')).toEqual({
      ok: false,
      problem: 'not_json',
      at: { line: 3, column: 3 },
    });
    expect(readModelFile('{"schemaVersion": 1,', 'a.json')).toMatchObject({ ok: false, problem: 'not_json' });
    expect(readModelFile('[1, 2]', 'a.json')).toEqual({ ok: false, problem: 'not_object' });
  });

  it('lists every problem of a model that does not fit the schema', () => {
    const doc = sakura() as unknown as { forecast: Record<string, unknown>; meta: Record<string, unknown> };
    doc.forecast.revenueGrowht = doc.forecast.revenueGrowth;
    doc.meta.currency = 'yen';
    const result = readModelFile(JSON.stringify(doc), 'broken.json');
    expect(result.ok).toBe(false);
    if (result.ok || result.problem !== 'invalid') throw new Error('expected schema issues');
    expect(result.issues.map((i) => i.key).sort()).toEqual(['forecast', 'meta.currency']);
  });
});

describe('naming a new model', () => {
  it('keeps a free name and numbers a taken one', () => {
    expect(uniqueName('Project Sakura', [])).toBe('Project Sakura');
    expect(uniqueName('Project Sakura', ['project sakura'])).toBe('Project Sakura (2)');
    expect(uniqueName('Project Sakura', ['Project Sakura', 'Project Sakura (2)'])).toBe('Project Sakura (3)');
    expect(uniqueName('Project Sakura (2)', ['Project Sakura', 'Project Sakura (2)'])).toBe('Project Sakura (3)');
    expect(uniqueName('x'.repeat(130), ['x'.repeat(120)])).toHaveLength(120);
  });
});
