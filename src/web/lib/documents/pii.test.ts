import { describe, expect, it } from 'vitest';
import { confirmationMatches, isEnded, nameToType } from './closeOut';
import {
  cleanCodeNames,
  findingsByPlace,
  foundTypes,
  incompleteCodeNames,
  isPiiScannable,
  mayHaveTokens,
  placeOf,
  typesToReplace,
} from './pii';

const finding = (type: 'PERSON' | 'PHONE_NUMBER', text: string, where: string, start: number) => ({
  type,
  text,
  start,
  end: start + text.length,
  where,
});

describe('personal data in the browser', () => {
  it('reads the text of documents, not of images', () => {
    expect(['txt', 'csv', 'xlsx', 'docx', 'pdf'].every((k) => isPiiScannable(k as never))).toBe(true);
    expect(isPiiScannable('png')).toBe(false);
  });

  it('lists the types found in a fixed order, leaving out what the UI does not know', () => {
    expect(foundTypes({ EMAIL_ADDRESS: 1, PERSON: 2, STREET_ADDRESS: 0, SOMETHING_NEW: 3 })).toEqual([
      { type: 'PERSON', count: 2 },
      { type: 'EMAIL_ADDRESS', count: 1 },
    ]);
  });

  it('groups findings by where they stand, in the document’s order, each in text order', () => {
    const groups = findingsByPlace([
      finding('PHONE_NUMBER', '03-1234-5678', 'page 1', 20),
      finding('PERSON', '山田太郎', 'page 1', 3),
      finding('PERSON', '佐藤花子', 'page 2', 0),
    ]);
    expect(groups.map((g) => g.where)).toEqual(['page 1', 'page 2']);
    expect(groups[0]?.findings.map((f) => f.text)).toEqual(['山田太郎', '03-1234-5678']);
  });

  it('understands the places the server names', () => {
    expect(placeOf('page 12')).toEqual({ key: 'page', n: 12 });
    expect(placeOf('line 3')).toEqual({ key: 'line', n: 3 });
    expect(placeOf('document ¶2')).toEqual({ key: 'paragraph', part: 'document', n: 2 });
    expect(placeOf('顧客!D2')).toEqual({ key: 'cell', sheet: '顧客', cell: 'D2' });
    expect(placeOf('B2')).toEqual({ key: 'cell', sheet: null, cell: 'B2' });
    expect(placeOf('somewhere else')).toEqual({ key: 'raw', text: 'somewhere else' });
  });

  it('sends the types only when some were unticked', () => {
    expect(typesToReplace(['PERSON', 'EMAIL_ADDRESS'], new Set(['PERSON', 'EMAIL_ADDRESS']))).toBeUndefined();
    expect(typesToReplace(['PERSON', 'EMAIL_ADDRESS'], new Set(['PERSON']))).toEqual(['PERSON']);
    expect(typesToReplace(['PERSON'], new Set())).toEqual([]);
  });

  it('cleans the code names and finds half-filled rows', () => {
    const rows = [
      { term: ' 東和精機 ', codeName: 'Project Falcon' },
      { term: '', codeName: '' },
      { term: 'TOWA', codeName: '' },
      { term: '東和精機', codeName: 'Falcon' },
    ];
    expect(cleanCodeNames(rows)).toEqual([{ term: '東和精機', codeName: 'Falcon' }]);
    expect(incompleteCodeNames(rows)).toEqual([2]);
  });

  it('offers re-identification on the provider’s work and on pseudonymised copies', () => {
    expect(mayHaveTokens({ uploadedSide: 'provider', sourceDocumentId: null })).toBe(true);
    expect(mayHaveTokens({ uploadedSide: 'client', sourceDocumentId: 'd1' })).toBe(true);
    expect(mayHaveTokens({ uploadedSide: 'client', sourceDocumentId: null })).toBe(false);
  });
});

describe('closing out', () => {
  const e = { title: '部品メーカー買収 ', codeName: 'Project Sakura', displayName: '部品メーカー買収', status: 'closed' as const };

  it('belongs to closed and cancelled engagements', () => {
    expect(isEnded(e)).toBe(true);
    expect(isEnded({ status: 'cancelled' })).toBe(true);
    expect(isEnded({ status: 'accepted' })).toBe(false);
  });

  it('asks for the title, and accepts the code name too, as the server does', () => {
    expect(nameToType(e)).toBe('部品メーカー買収 ');
    expect(nameToType({ title: null, codeName: 'Project Sakura', displayName: 'Project Sakura' })).toBe('Project Sakura');
    expect(confirmationMatches(' 部品メーカー買収', e)).toBe(true);
    expect(confirmationMatches('Project Sakura', e)).toBe(true);
    expect(confirmationMatches('部品メーカー', e)).toBe(false);
    expect(confirmationMatches('  ', e)).toBe(false);
    // The same characters in another Unicode form (e.g. a decomposed ガ) are the same name.
    expect(confirmationMatches('\u30ab\u3099', { title: '\u30ac', codeName: null })).toBe(true);
  });
});
