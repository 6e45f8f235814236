import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of DESIGN.md, enforced: imports flow one way, and the domain never reaches for the
 * database, HTTP, the file system or the clock itself.
 */
const SRC = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    // Tests and their fixtures (*.fixture.ts, test-only data) may reach outside the layer.
    return /\.(ts|tsx)$/.test(e.name) && !/\.(test|fixture)\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) specs.push(m[1] ?? '');
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1] ?? '');
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1] ?? '');
  return specs;
}

/** Which top-level folder of src/ a relative import lands in. */
function layerOf(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(SRC, join(fromFile, '..', spec));
  return target.startsWith('..') ? 'outside' : (target.split('/')[0] ?? null);
}

interface Rule {
  layer: string;
  mayImportLayers: string[];
  forbiddenPackages: RegExp[];
  forbiddenCode?: { pattern: RegExp; why: string }[];
}

const DB_AND_HTTP = [/^kysely$/, /^pg$/, /^@electric-sql\/pglite/, /^hono/, /^@hono\//];
const NODE_IO = [/^(node:)?fs(\/promises)?$/, /^(node:)?child_process$/, /^(node:)?net$/, /^(node:)?https?$/];
/** Reading files (xlsx, csv, zip) is infra's job (infra/files); the domain gets tables. */
const FILE_FORMATS = [/^exceljs(\/|$)/, /^csv-parse(\/|$)/, /^(node:)?zlib$/];

const rules: Rule[] = [
  { layer: 'shared', mayImportLayers: ['shared'], forbiddenPackages: [/^(?!zod$).*/] },
  {
    layer: 'core',
    mayImportLayers: ['core', 'shared'],
    forbiddenPackages: [...DB_AND_HTTP, ...NODE_IO, ...FILE_FORMATS],
    forbiddenCode: [
      { pattern: /\bnew Date\(\)/, why: 'reads the clock (take a Clock)' },
      { pattern: /\bDate\.now\(/, why: 'reads the clock (take a Clock)' },
      { pattern: /\bMath\.random\(/, why: 'is not deterministic (take a RandomSource)' },
      { pattern: /\bprocess\.env\b/, why: 'reads the environment (take config)' },
    ],
  },
  { layer: 'infra', mayImportLayers: ['infra', 'core', 'shared'], forbiddenPackages: [/^hono/, /^@hono\//] },
  {
    layer: 'server',
    mayImportLayers: ['server', 'core', 'shared', 'infra', 'runtime.js'],
    forbiddenPackages: [/^kysely$/, /^pg$/, /^@electric-sql\/pglite/],
  },
  { layer: 'web', mayImportLayers: ['web', 'shared'], forbiddenPackages: [/^node:/, ...DB_AND_HTTP] },
  { layer: 'cli', mayImportLayers: ['cli', 'core', 'shared', 'infra', 'server', 'runtime.js'], forbiddenPackages: [] },
];

describe('architecture: the import direction of DESIGN.md', () => {
  for (const rule of rules) {
    it(`${rule.layer}/ imports only ${rule.mayImportLayers.join(', ')} and no forbidden package`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(SRC, rule.layer))) {
        const text = readFileSync(file, 'utf8');
        for (const spec of importsOf(text)) {
          const layer = layerOf(file, spec);
          const where = relative(SRC, file);
          if (layer !== null && !rule.mayImportLayers.includes(layer)) violations.push(`${where} imports ${spec} (${layer}/)`);
          if (layer === null && rule.forbiddenPackages.some((p) => p.test(spec))) violations.push(`${where} imports package ${spec}`);
        }
        for (const { pattern, why } of rule.forbiddenCode ?? []) {
          if (pattern.test(text)) violations.push(`${relative(SRC, file)} ${why}: ${pattern}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('catches a violation when there is one (the check itself works)', () => {
    const fakeCore = join(SRC, 'core', 'x.ts');
    expect(layerOf(fakeCore, '../infra/db/database.js')).toBe('infra');
    expect(importsOf("import { sql } from 'kysely';\nimport type { X } from '../infra/y.js';")).toEqual(['kysely', '../infra/y.js']);
    const coreForbids = (spec: string) => rules.find((r) => r.layer === 'core')?.forbiddenPackages.some((p) => p.test(spec));
    expect(coreForbids('node:fs')).toBe(true);
    for (const spec of ['exceljs', 'csv-parse', 'csv-parse/sync', 'node:zlib', 'zlib']) expect(coreForbids(spec), spec).toBe(true);
    for (const spec of ['zod', 'exceljs-like', 'csv-parser', 'zlibx']) expect(coreForbids(spec), spec).toBe(false);
  });
});
