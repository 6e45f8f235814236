import { describe, expect, it } from 'vitest';
import type { DeliverableFinding } from '../../../shared/contracts/deliverables';
import { findingPlace, groupFindings } from './findings';

const finding = (id: string, status: DeliverableFinding['status'], section: string | null = null, reference: string | null = null) =>
  ({
    id,
    status,
    code: 'report.methodology',
    catalog: 'deliverable',
    location: { section, reference, path: [] },
    message: { key: 'methodologyMissing', params: {} },
  }) as DeliverableFinding;

describe('findings', () => {
  it('groups failures first and leaves out empty groups', () => {
    const groups = groupFindings([finding('a', 'pass'), finding('b', 'fail'), finding('c', 'pass')]);
    expect(groups.map((g) => [g.status, g.findings.map((f) => f.id)])).toEqual([
      ['fail', ['b']],
      ['pass', ['a', 'c']],
    ]);
  });

  it('names the section and reference a finding points at by their titles, or their keys when gone', () => {
    const content = {
      sections: [{ key: 'market', title: '市場規模', role: 'claims' as const, body: '', citations: [] }],
      references: [{ id: 'census', title: '経済センサス', documentId: null, url: null, locator: null }],
    };
    expect(findingPlace(finding('a', 'fail', 'market', 'census'), content)).toEqual({ section: '市場規模', reference: '経済センサス' });
    expect(findingPlace(finding('a', 'fail', 'gone'), content)).toEqual({ section: 'gone', reference: null });
  });
});
