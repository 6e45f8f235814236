import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DuplicateTracker, type PatentImportItem } from './import.js';
import { importPatentFile } from './index.js';

/**
 * The USPTO importer on the real grant XML in ../shared/data/patents/uspto-grant-xml (public
 * domain, CC0): DTD v4.0 (2005), v4.2 (2007) and v4.5 (2015). A fresh clone has no shared/ folder:
 * then these tests are skipped.
 */
const dir = fileURLToPath(new URL('../../../../shared/data/patents/uspto-grant-xml/', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`patent real-data tests skipped: ${dir} is absent (see ../shared/data/README.md).`);
const files = present ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.xml')) : [];

describe.skipIf(!present)('USPTO grant XML samples', () => {
  const duplicates = new DuplicateTracker();
  it.each(files)('%s yields a record with claims, categorised citations, codes and dates', async (file) => {
    const items: PatentImportItem[] = [];
    for await (const it of importPatentFile(`${dir}${file}`, { duplicates })) items.push(it);
    expect(items.length).toBe(1);
    const item = items[0];
    if (!item?.ok) throw new Error(`${file}: ${JSON.stringify(item)}`);
    const r = item.record;
    expect(r.number).toMatch(/^US\d{7}B[12]$/);
    expect(file.replace(/^US0?/, 'US').startsWith(r.number.replace(/B\d$/, ''))).toBe(true);
    expect(r.title.length).toBeGreaterThan(5);
    expect(r.claims.length).toBeGreaterThan(0);
    expect(r.claims[0]?.dependsOn).toEqual([]);
    expect(r.claims.some((c) => c.dependsOn.length > 0)).toBe(true);
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.every((c) => c.category !== undefined)).toBe(true);
    expect(r.citations.some((c) => c.number !== undefined)).toBe(true);
    expect(r.cpc.length + r.ipc.length).toBeGreaterThan(0);
    expect(r.filingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.priorityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.publicationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((r.priorityDate ?? '') <= (r.filingDate ?? '')).toBe(true);
    expect(r.description.length).toBeGreaterThan(10);
    expect(r.inventors.length).toBeGreaterThan(0);
  });

  it('US 8,926,509 in detail', async () => {
    const file = files.find((f) => f.startsWith('US08926509'));
    if (!file) return;
    const items: PatentImportItem[] = [];
    for await (const it of importPatentFile(`${dir}${file}`)) items.push(it);
    const r = items[0]?.ok ? items[0].record : undefined;
    expect(r?.cpc[0]).toBe('A61B 5/0205');
    expect(r?.claims.find((c) => c.number === 3)?.dependsOn).toEqual([2]);
    expect(r?.citations.filter((c) => c.category === 'examiner').length).toBeGreaterThan(0);
    expect(r?.citations.filter((c) => c.category === 'applicant').length).toBeGreaterThan(0);
  });
});
