import type { Candidate } from './candidates.js';
import { jaFamilyMaxLength, jaFamilyNames, jaGivenNames } from './names-ja.js';
import { matchesOf, startOf } from './scan.js';
import type { JaToken, JaTokenizer } from './types.js';

/** Japanese addresses, postal codes and person names. */

const PREFECTURES =
  '北海道|東京都|京都府|大阪府|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県';
/** Cities and Tokyo wards that addresses often start with, the prefecture left out. */
const BIG_CITIES =
  '札幌市|仙台市|さいたま市|千葉市|横浜市|川崎市|相模原市|新潟市|静岡市|浜松市|名古屋市|京都市|大阪市|堺市|神戸市|岡山市|広島市|北九州市|福岡市|熊本市|千代田区|中央区|港区|新宿区|文京区|台東区|墨田区|江東区|品川区|目黒区|大田区|世田谷区|渋谷区|中野区|杉並区|豊島区|北区|荒川区|板橋区|練馬区|足立区|葛飾区|江戸川区';
const NAME_CH = String.raw`[^\s\d、。，,．.:：;；()（）「」『』【】\[\]<>＜＞!！?？/／|｜"'〒@＠=＝*＊]`;
// A kanji numeral counts only before 丁目/番/号 (千代田, 三田 and 八王子 are names, not numbers).
const NUM = String.raw`(?:\d{1,5}|[一二三四五六七八九十百千]{1,4}(?=\s?(?:丁目|番|号)))`;
const SEP = '(?:丁目|番地の?|番|号|-|の)';
const BLOCK = String.raw`${NUM}(?:\s?${SEP}\s?${NUM}){0,3}\s?(?:丁目|番地|番|号)?`;
const BUILDING = String.raw`(?:\s?${NAME_CH}{1,20}?\s?\d{1,4}\s?(?:階|F|号室|号)|\s?${NAME_CH}{1,20}?(?:ビルディング|ビル|マンション|ハイツ|タワー|コーポ|荘|館|レジデンス|ハウス|プラザ|テラス|ヒルズ|コート|パレス|センター)(?:\s?\d{1,4}\s?(?:階|F|号室))?)?`;
const ADDRESS = new RegExp(
  startOf(`${PREFECTURES}|${BIG_CITIES}`.split('|')) +
    String.raw`(?:(?:${PREFECTURES})\s?${NAME_CH}{1,10}?[市区町村郡](?:\s?${NAME_CH}{1,6}?[区町村])?|(?:${BIG_CITIES}))` +
    String.raw`\s?${NAME_CH}{0,12}?\s?${BLOCK}${BUILDING}`,
  'g',
);

export function japaneseAddresses(t: string, out: Candidate[]): void {
  for (const m of matchesOf(ADDRESS, t)) {
    const s = m[0];
    // A place name is not an address: a block number (丁目, 番, 号, 1-2-3) makes it one.
    if (!/(?:丁目|番|号|\d\s?-\s?\d|\d\s?の\s?\d)/.test(s)) continue;
    out.push({ start: m.index, end: m.index + s.trimEnd().length, type: 'STREET_ADDRESS', score: 0.85 });
  }
}

const POSTAL_MARK = /〒\s?(\d{3}-?\d{4})(?!\d)/g;
const POSTAL_CONTEXT = new RegExp(String.raw`(?<![\d-])(\d{3}-\d{4})(?![\d-])(?=\s?(?:${PREFECTURES}|${BIG_CITIES}))`, 'g');
const POSTAL_LABEL = /(?:郵便番号|ZIP|postal code|postcode)\s*[:：]?\s*(\d{3}-?\d{4})(?!\d)/gi;

export function japanesePostalCodes(t: string, out: Candidate[]): void {
  for (const re of [POSTAL_MARK, POSTAL_CONTEXT, POSTAL_LABEL]) {
    for (const m of matchesOf(re, t)) {
      const code = m[1] ?? '';
      const start = m.index + m[0].lastIndexOf(code);
      out.push({ start, end: start + code.length, type: 'JP_POSTAL_CODE', score: 0.9 });
    }
  }
}

// Character classes by code point (called for nearly every character the name passes look at).
const codeOf = (c: string | undefined) => (c === undefined ? -1 : c.charCodeAt(0));
const isKanji = (c: string | undefined) => {
  const x = codeOf(c);
  return (x >= 0x3400 && x <= 0x9fff) || (x >= 0xf900 && x <= 0xfaff) || x === 0x3005 || x === 0x3006 || x === 0x30f6; // 々 〆 ヶ
};
/** Katakana (ァ–ヺ), ・ and ー. */
const isKatakana = (c: string | undefined) => {
  const x = codeOf(c);
  return x >= 0x30a1 && x <= 0x30fc;
};
const isHiragana = (c: string | undefined) => {
  const x = codeOf(c);
  return x >= 0x3041 && x <= 0x3096;
};

/** An honorific, and below a title after a name, tried at one place of the text (sticky), not on a copy of the rest of it. */
const HONORIFIC_AT = /(?:様|さま|さん|氏|君|くん|ちゃん|殿|先生|御中)/y;
const startsAt = (re: RegExp, t: string, at: number) => {
  re.lastIndex = at;
  return re.test(t);
};
const TITLES =
  '代表取締役社長|代表取締役|取締役|代表|社長|副社長|会長|専務|常務|部長|副部長|次長|課長|係長|主任|室長|所長|本部長|支店長|店長|執行役員|理事長|理事|監査役|マネージャー|リーダー|教授|准教授|講師|弁護士|税理士|会計士|弁理士|司法書士|医師|看護師|博士|様|さま|さん|氏|君|くん|ちゃん|殿|先生|でございます|と申します';
const AFTER_NAME_AT = new RegExp(`\\s?(?:${TITLES})`, 'y');
const TITLE_AT = new RegExp(`^(?:${TITLES})`);
/** Labels a name follows (氏名：, 担当：); `?` makes the character before it optional. */
const LABELS =
  '氏名|お名前|名前|ご担当者?|担当者?名?|申請者|契約者|代表者|作成者|報告者|依頼者|差出人|送信者|受取人|受信者|宛名|宛先|名義人?|口座名義|フリガナ|ふりがな|社員名|従業員名|患者名|顧客名|責任者|記入者|申込者|承認者|出席者|参加者|面接官|候補者|対応者|上長|連絡者|発信者|差出人';
const LABEL = new RegExp(`(?:${LABELS})\\s*[:：]\\s*$`);
/** The characters a label can end with: a colon after any other character cannot follow a label. */
const LABEL_LAST = new Set<string>();
for (let label of LABELS.split('|')) {
  // 担当者?名? ends with 名, 者 or 当.
  while (label.endsWith('?')) {
    LABEL_LAST.add(label.at(-2) ?? '');
    label = label.slice(0, -2);
  }
  LABEL_LAST.add(label.at(-1) ?? '');
}
/** Words before 様/さん that are not names: お客様, 皆様, 担当者様. */
const NOT_NAME_BEFORE_HONORIFIC = new Set(
  'お客 客 皆 皆さ みな 各位 担当 担当者 ご担当者 ご担当 貴社 御社 先方 相手 お父 お母 奥 旦那 王 神 仏 お嬢 お子 息子 娘 社員 会員 利用者 ユーザー 申込者 関係者 取引先 お得意'.split(
    ' ',
  ),
);

interface Span {
  start: number;
  end: number;
  score: number;
}

/**
 * The listed names by the code of their first character, longest first (the order the lookups
 * try lengths in): a name is looked up with `startsWith` where it would start, not by slicing
 * the text at every length (the pair lookups run at every listed family name of every text).
 */
function byFirstCode(names: ReadonlySet<string>): Map<number, readonly string[]> {
  const map = new Map<number, string[]>();
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const code = name.charCodeAt(0);
    const list = map.get(code);
    if (list) list.push(name);
    else map.set(code, [name]);
  }
  return map;
}
const FAMILY_BY_FIRST = byFirstCode(jaFamilyNames);
const GIVEN_BY_FIRST = byFirstCode(jaGivenNames);

/** Whether a UTF-16 code starts one of the words (a table, not a map: it is read at every character of a text). */
function firstCodes(words: Iterable<string>): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const w of words) table[w.charCodeAt(0)] = 1;
  return table;
}
const FAMILY_FIRST = firstCodes(jaFamilyNames);
const GIVEN_FIRST = firstCodes(jaGivenNames);
/** Whether a listed family name is the text from `start` to `end` (the table of first characters spares most lookups a slice). */
const isFamilyName = (t: string, start: number, end: number) =>
  FAMILY_FIRST[t.charCodeAt(start)] === 1 && jaFamilyNames.has(t.slice(start, end));

/** Family name (from the list) + optional space + given name (from the list) at i, or null. */
function familyGivenAt(t: string, i: number): Span | null {
  const first = t.charCodeAt(i);
  // The table first: most characters start no listed name, and a typed array is read faster than a map.
  if (FAMILY_FIRST[first] !== 1) return null;
  const families = FAMILY_BY_FIRST.get(first);
  if (!families) return null;
  for (const family of families) {
    if (!t.startsWith(family, i)) continue;
    let g = i + family.length;
    if (t[g] === ' ' || t[g] === '\u3000') g++;
    const givenFirst = t.charCodeAt(g);
    if (GIVEN_FIRST[givenFirst] !== 1) continue;
    const givens = GIVEN_BY_FIRST.get(givenFirst);
    if (!givens) continue;
    for (const given of givens) {
      if (!t.startsWith(given, g)) continue;
      const gl = given.length;
      const next = t[g + gl];
      // 上田進捗 is not 上田 進: a name is not followed by more kanji, unless a title follows.
      if (isKanji(next) && !startsAt(AFTER_NAME_AT, t, g + gl)) continue;
      if (isKatakana(given[0]) && isKatakana(next)) continue;
      if (isHiragana(given[0]) && isHiragana(next) && !startsAt(HONORIFIC_AT, t, g + gl)) continue;
      return { start: i, end: g + gl, score: 0.85 };
    }
  }
  return null;
}

/** What follows a family name and is not a given name: a title or honorific, a place's suffix. */
const NOT_GIVEN = new RegExp(`^(?:${TITLES}|[都道府県市区町村郡])$`);

/** Where a name can end: not inside a word, or before an honorific (様, and さん as well). */
const isBoundary = (t: string, j: number) => {
  const c = t[j];
  return c === undefined || !(isKanji(c) || isKatakana(c) || isHiragana(c)) || startsAt(HONORIFIC_AT, t, j);
};

/**
 * A listed family name followed by a given name not in the list: 川村 正三 (a space between is
 * how forms and CRM exports write names), 森下キミ (katakana given names), and 栗田心優 only when
 * kuromoji reads the rest as a name and not as a word (山田商事 is a company).
 */
function familyFreeGivenAt(t: string, i: number, tokenizer: JaTokenizer | undefined, wantEnd?: number): Span | null {
  if (FAMILY_FIRST[t.charCodeAt(i)] !== 1) return null;
  const families = FAMILY_BY_FIRST.get(t.charCodeAt(i));
  if (!families || (i > 0 && (isKanji(t[i - 1]) || isKatakana(t[i - 1])))) return null;
  for (const family of families) {
    if (!t.startsWith(family, i)) continue;
    const fl = family.length;
    const g = i + fl;
    const spaced = t[g] === ' ' || t[g] === '\u3000';
    const from = spaced ? g + 1 : g;
    let j = from;
    const kana = isKatakana(t[j]) || isHiragana(t[j]);
    while (j < t.length && j - from < 4 && (kana ? isKatakana(t[j]) || isHiragana(t[j]) : isKanji(t[j]))) j++;
    const len = j - from;
    if (len === 0 || !isBoundary(t, j) || (kana && len < 2)) continue;
    if (spaced && (kana || len <= 3)) return { start: i, end: j, score: 0.75 };
    if (!spaced && kana && isKatakana(t[from]) && len <= 3) return { start: i, end: j, score: 0.7 };
    // kuromoji is asked only about a rest that can be a given name: not 課長 or 様 (田中課長), not 県 (千葉県),
    // and not a span the caller would throw away for ending elsewhere.
    if (!spaced && !kana && len <= 2 && tokenizer && (wantEnd === undefined || j === wantEnd) && !NOT_GIVEN.test(t.slice(from, j))) {
      const tokens = tokenizer.tokenize(t.slice(i, j));
      const rest = tokens.filter((tk) => tk.start >= fl);
      if (rest.length > 0 && rest.every((tk) => isPersonToken(tk) || (tk.pos === '名詞' && tk.posDetail1 === '固有名詞')))
        return { start: i, end: j, score: 0.7 };
    }
  }
  return null;
}

/** The name-looking run that ends at `end` (at most `max` characters, one inner space allowed). */
function runBefore(t: string, end: number, max: number): number {
  let i = end;
  let spaces = 0;
  while (i > 0 && end - i < max) {
    const c = t[i - 1];
    if (isKanji(c) || isKatakana(c)) i--;
    else if ((c === ' ' || c === '\u3000') && spaces === 0 && i < end && (isKanji(t[i - 2]) || isKatakana(t[i - 2]))) {
      spaces++;
      i--;
    } else break;
  }
  return i;
}

function runAfter(t: string, start: number, max: number): number {
  let i = start;
  let afterSpace = false;
  while (i < t.length && i - start < max) {
    const c = t[i];
    if (isKanji(c) || isKatakana(c) || (afterSpace && isHiragana(c))) i++;
    else if (
      (c === ' ' || c === '\u3000') &&
      !afterSpace &&
      i > start &&
      (isKanji(t[i + 1]) || isKatakana(t[i + 1]) || isHiragana(t[i + 1]))
    ) {
      afterSpace = true;
      i++;
    } else break;
  }
  return i;
}

/** Labels after which whatever stands is a name. */
const STRONG_LABEL = /^(?:氏名|お名前|名前|フリガナ|ふりがな|名義人?|口座名義|社員名|従業員名|患者名|顧客名)/;

const isPersonToken = (tk: JaToken) => tk.pos === '名詞' && tk.posDetail1 === '固有名詞' && tk.posDetail2 === '人名';
const isUnknownNameLike = (tk: JaToken) =>
  tk.pos === '名詞' && (tk.posDetail1 === '固有名詞' || /^[\u30a1-\u30fa\u30fc・]{2,}$/.test(tk.surface));

/** The trailing tokens of a window that kuromoji (IPADIC) tags as a person's name. */
function nameAtEnd(tokens: JaToken[]): { start: number } | null {
  let i = tokens.length - 1;
  while (i >= 0 && /^[\s\u3000]+$/.test(tokens[i]?.surface ?? '')) i--;
  let start = -1;
  let sawPerson = false;
  for (; i >= 0; i--) {
    const tk = tokens[i];
    if (!tk) break;
    if (isPersonToken(tk)) sawPerson = true;
    else if (!(isUnknownNameLike(tk) || /^[\s\u3000]$/.test(tk.surface))) break;
    start = tk.start;
  }
  return sawPerson ? { start } : null;
}

function nameAtStart(tokens: JaToken[]): { end: number } | null {
  let end = -1;
  let sawPerson = false;
  for (const tk of tokens) {
    if (isPersonToken(tk)) sawPerson = true;
    else if (!(isUnknownNameLike(tk) || (/^[\s\u3000]$/.test(tk.surface) && end >= 0))) break;
    end = tk.start + tk.surface.length;
  }
  return sawPerson && end > 0 ? { end } : null;
}

/** A run (before an honorific, or after a label) judged to be a name: the name lists, then kuromoji. */
function judgeRun(
  t: string,
  start: number,
  end: number,
  side: 'before' | 'after',
  tokenizer: JaTokenizer | undefined,
  strongLabel = false,
): Span | null {
  const run = t.slice(start, end);
  const trimmed = run.trim();
  if (trimmed.length < 1) return null;
  // The longest family+given pair inside the run, anchored where the name is.
  if (side === 'before') {
    for (let i = start; i < end; i++) {
      const fg = familyGivenAt(t, i);
      if (fg && fg.end === end) return { ...fg, score: 0.9 };
    }
    for (let i = start; i < end; i++) {
      const free = familyFreeGivenAt(t, i, tokenizer, end);
      if (free && free.end === end) return { ...free, score: 0.85 };
    }
    for (let fl = jaFamilyMaxLength; fl >= 1; fl--) {
      const at = end - fl;
      // 営業部山田様: a family name at the end of a run counts when a department or nothing stands before it.
      if (at > start && isKanji(t[at - 1]) && !/[部課室社店局所係班]/.test(t[at - 1] ?? '')) continue;
      if (at >= start && isFamilyName(t, at, end)) return { start: at, end, score: 0.85 };
    }
    // A katakana run is a name (ヤマダタロウさん) whatever kuromoji says: asking it first would only give the same span and score.
    if (/^[\u30a1-\u30fa\u30fc・\s\u3000]+$/.test(run) && trimmed.length >= 2) return { start, end, score: 0.8 };
    // 今泉部長 is 今泉, not 泉: a short run kuromoji reads as a name is the name.
    if (tokenizer && trimmed.length <= 5 && !NOT_NAME_BEFORE_HONORIFIC.has(trimmed)) {
      const tokens = tokenizer.tokenize(run).filter((tk) => tk.surface.trim() !== '');
      if (tokens.length > 0 && tokens.some(isPersonToken) && tokens.every((tk) => isPersonToken(tk) || isUnknownNameLike(tk)))
        return { start, end, score: 0.8 };
    }
    if (NOT_NAME_BEFORE_HONORIFIC.has(trimmed)) return null;
    if (tokenizer) {
      const tokens = tokenizer.tokenize(run);
      const found = nameAtEnd(tokens);
      if (found) return { start: start + found.start, end, score: 0.75 };
    }
    return null;
  }
  const fg = familyGivenAt(t, start);
  if (fg) return { ...fg, score: 0.9 };
  if (/^[\u30a1-\u30fa\u30fc・]+(?:[\s\u3000][\u30a1-\u30fa\u30fc・]+)?$/.test(trimmed) && trimmed.length >= 2)
    return { start, end, score: 0.85 };
  if (strongLabel) return { start, end, score: 0.8 };
  for (let fl = jaFamilyMaxLength; fl >= 1; fl--) {
    if (isFamilyName(t, start, start + fl)) return { start, end, score: 0.75 };
  }
  if (tokenizer) {
    const found = nameAtStart(tokenizer.tokenize(run));
    if (found) return { start, end: start + found.end, score: 0.75 };
  }
  return null;
}

/** Where a listed family name starts at or after `from`, or -1: a table read per character, then the few names with that first character. */
function nextFamilyAt(t: string, from: number): number {
  for (let i = from; i < t.length; i++) {
    const code = t.charCodeAt(i);
    if (FAMILY_FIRST[code] === 0) continue;
    for (const family of FAMILY_BY_FIRST.get(code) ?? []) if (t.startsWith(family, i)) return i;
  }
  return -1;
}

function trimSpan(t: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(t[start] ?? '')) start++;
  while (end > start && /\s/.test(t[end - 1] ?? '')) end--;
  return { start, end, score: span.score };
}

/** The titles and honorifics a name stands before, by first character, in the order the old alternation tried them. */
const TITLES_BY_FIRST = new Map<number, string[]>();
for (const title of TITLES.split('|')) {
  const code = title.charCodeAt(0);
  TITLES_BY_FIRST.set(code, [...(TITLES_BY_FIRST.get(code) ?? []), title]);
}
const TITLE_FIRST = firstCodes(TITLES.split('|'));

/** Each title after a name, left to right, not overlapping (the first listed title wins where several start). */
function titleSpans(t: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let i = 0; i < t.length; i++) {
    const code = t.charCodeAt(i);
    if (TITLE_FIRST[code] === 0) continue;
    // A plain loop, not `find` with a closure: this runs at every さ, く, ち, で and と of a text.
    const titles = TITLES_BY_FIRST.get(code) ?? [];
    let title: string | undefined;
    for (let k = 0; k < titles.length && title === undefined; k++) if (t.startsWith(titles[k] as string, i)) title = titles[k];
    if (title === undefined) continue;
    found.push({ start: i, end: i + title.length });
    i += title.length - 1;
  }
  return found;
}
const COLON = /[:：]\s*/g;

export function japanesePersons(t: string, out: Candidate[], tokenizer?: JaTokenizer): void {
  // 1. Family + given name pairs from the lists, anywhere; a listed family name + an unlisted given name where its shape says so.
  for (let i = nextFamilyAt(t, 0); i >= 0; ) {
    const fg = familyGivenAt(t, i) ?? familyFreeGivenAt(t, i, tokenizer);
    if (fg) out.push({ start: fg.start, end: fg.end, type: 'PERSON', score: fg.score });
    i = nextFamilyAt(t, fg ? fg.end : i + 1);
  }
  // 2. A name before an honorific or title: 田中様, 佐藤部長, ヤマダタロウさん.
  for (const title of titleSpans(t)) {
    const end = title.start;
    const runStart = runBefore(t, end, 10);
    if (runStart === end) continue;
    const span = judgeRun(t, runStart, end, 'before', tokenizer);
    if (span) out.push({ ...trimSpan(t, span), type: 'PERSON' });
  }
  // 3. A name after a label: 氏名：山田太郎, 担当：佐藤.
  for (const m of matchesOf(COLON, t)) {
    // A label ends, before any spaces, just before the colon: most colons (電話：, 10:30) have none.
    const from = Math.max(0, m.index - 8);
    let last = m.index - 1;
    while (last >= from && /\s/.test(t[last] ?? '')) last--;
    if (last < from || !LABEL_LAST.has(t[last] ?? '')) continue;
    const labelEnd = m.index + m[0].length;
    const label = LABEL.exec(t.slice(from, labelEnd));
    if (!label) continue;
    let end = runAfter(t, labelEnd, 12);
    // 上長：山岸課長: the title after the name is not the name.
    for (let k = labelEnd + 1; k < end; k++) {
      const title = TITLE_AT.exec(t.slice(k, end));
      if (title && k + title[0].length === end) {
        end = k;
        break;
      }
    }
    if (end - labelEnd < 2) continue;
    const span = judgeRun(t, labelEnd, end, 'after', tokenizer, STRONG_LABEL.test(label[0]));
    if (span) out.push({ ...trimSpan(t, span), type: 'PERSON' });
  }
}
