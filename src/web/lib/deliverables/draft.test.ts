import { describe, expect, it } from 'vitest';
import type { DeliverableVersionView } from '../../../shared/contracts/deliverables';
import {
  addReference,
  addSection,
  draftFromVersion,
  emptyDraft,
  moveSection,
  removeReference,
  requestOf,
  sectionKey,
  slug,
  updateReference,
  updateSection,
} from './draft';

describe('keys', () => {
  it('makes a key from a Latin title, and from the role for a Japanese one', () => {
    expect(slug('Market size 2025!')).toBe('market-size-2025');
    expect(slug('  --Résumé--  ')).toBe('resume');
    expect(slug('市場規模')).toBe('');
    expect(sectionKey('市場規模', 'claims', new Set())).toBe('claims');
    expect(sectionKey('方法論', 'knowledge_transfer', new Set(['knowledge-transfer']))).toBe('knowledge-transfer-2');
  });
});

describe('the submission draft', () => {
  it('keeps a section key following its title and role until it is edited', () => {
    let d = addSection(emptyDraft(), 'summary');
    const uid = d.sections[0]?.uid ?? '';
    expect(d.sections[0]?.key).toBe('summary');
    d = updateSection(d, uid, { title: 'Executive summary' });
    expect(d.sections[0]?.key).toBe('executive-summary');
    d = updateSection(d, uid, { key: 'exec' });
    d = updateSection(d, uid, { title: 'Other title' });
    expect(d.sections[0]?.key).toBe('exec');
  });

  it('gives two sections of one role their own keys', () => {
    let d = addSection(addSection(emptyDraft(), 'claims'), 'claims');
    expect(d.sections.map((s) => s.key)).toEqual(['claims', 'claims-2']);
    d = updateSection(d, d.sections[1]?.uid ?? '', { title: '競合' });
    expect(d.sections[1]?.key).toBe('claims-2');
  });

  it('renames citations with their reference and drops them with it', () => {
    let d = addReference(addSection(emptyDraft(), 'claims'));
    const ref = d.references[0]?.uid ?? '';
    d = updateReference(d, ref, { title: 'Census' });
    d = updateSection(d, d.sections[0]?.uid ?? '', { citations: ['census'] });
    d = updateReference(d, ref, { id: 'census-2020' });
    expect(d.sections[0]?.citations).toEqual(['census-2020']);
    d = removeReference(d, ref);
    expect(d.sections[0]?.citations).toEqual([]);
  });

  it('moves sections within bounds', () => {
    const d = addSection(addSection(emptyDraft(), 'summary'), 'claims');
    const first = d.sections[0]?.uid ?? '';
    expect(moveSection(d, first, 1).sections.map((s) => s.role)).toEqual(['claims', 'summary']);
    expect(moveSection(d, first, -1)).toBe(d);
  });

  it('starts a resubmission from the latest version and sends the same content back', () => {
    const version = {
      version: 1,
      content: {
        type: 'report',
        sections: [{ key: 'summary', title: '要約', role: 'summary', body: '本文', citations: ['census'] }],
        references: [{ id: 'census', title: '経済センサス', documentId: null, url: 'https://www.e-stat.go.jp/', locator: null }],
      },
      documents: [{ id: 'doc-1', name: 'a.pdf' }],
      note: 'old note',
    } as unknown as DeliverableVersionView;
    const d = draftFromVersion(version);
    expect(d.note).toBe('');
    expect(d.sections[0]?.keyEdited).toBe(true);
    expect(requestOf(d, 'report')).toEqual({
      content: version.content,
      documentIds: ['doc-1'],
      note: '',
    });
  });

  it('sends a financial model with its shared version, and blank URLs and locators as null', () => {
    let d = addReference({ ...emptyDraft(), model: { id: 'm1', version: 3 } });
    d = updateReference(d, d.references[0]?.uid ?? '', { title: 'IR', url: ' ', locator: 'p. 4' });
    const request = requestOf(d, 'financial_model');
    expect(request.content).toMatchObject({ type: 'financial_model', model: { id: 'm1', version: 3 } });
    expect(request.content.references[0]).toEqual({ id: 'ir', title: 'IR', documentId: null, url: null, locator: 'p. 4' });
  });
});
