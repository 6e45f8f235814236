import { describe, expect, it } from 'vitest';
import { memoryPatentIndex } from './memory-index.js';
import { searchPatents } from './search.js';
import { INDEX_VERSION, tokenize } from './tokens.js';

const terms = (text: string) => tokenize(text).map((t) => t.term);

describe('the patent tokenizer', () => {
  it('never runs digits or Latin letters into kana or kanji (index version 2)', () => {
    expect(INDEX_VERSION).toBe(2);
    expect(terms('第1の脈波センサ')).toEqual(['第', '1', '脈波', 'セン', 'ンサ', 'センサ']);
    // Full-width Latin becomes ASCII and stops where the kanji begin.
    expect(terms('ＬＥＤ照明装置')).toEqual(['led', '照明', '明装', '装置']);
    expect(terms('500nm以上570nm以下')).toEqual(['500nm', '以上', '570nm', '以下']);
    // Latin words keep their stems, and highlight offsets stay on the text as given.
    expect(tokenize('ＬＥＤ照明')[0]).toMatchObject({ term: 'led', start: 0, end: 3 });
    expect(terms('optical sensors')).toEqual(['optic', 'sensor']);
  });

  it('finds a Japanese word that follows a number, and the number on its own', async () => {
    const index = memoryPatentIndex([
      {
        number: 'JP2020000001A',
        country: 'JP',
        kind: 'A',
        title: '血圧計',
        abstract: '第1の脈波センサと第2の脈波センサとを備える。ＬＥＤ照明装置を有する。',
        claims: [],
        description: [],
        cpc: [],
        ipc: [],
        publicationDate: '2020-01-01',
        assignees: [],
        inventors: [],
        citations: [],
        language: 'ja',
      },
    ]);
    for (const q of ['脈波センサ', '"脈波センサ"', '照明装置', 'LED', '"LED 照明"'])
      expect(await searchPatents(index, 'c', q).then((r) => (r.ok ? r.hits.map((h) => h.number) : r.issues)), q).toEqual(['JP2020000001A']);
  });
});
