import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { JaToken, JaTokenizer } from '../../core/documents/pii/types.js';

/**
 * kuromoji (IPADIC) behind the core's tokenizer port. Its dictionary (≈ 17 MB unpacked) takes
 * about a second to load: it is loaded once per process, on first use, and shared.
 */
const require = createRequire(import.meta.url);
let loading: Promise<JaTokenizer> | null = null;

export function kuromojiDictPath(): string {
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** The parts of kuromoji's tokenizer that `memoiseLookups` replaces (not in its type declarations). */
interface CharClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface Dictionary {
  target_map: Record<number, number[]>;
  dictionary: { getShort(at: number): number };
  getFeatures(id: string): string;
}
interface DoubleArrayTrie {
  bc: { getBase(index: number): number; getCheck(index: number): number };
  commonPrefixSearch(key: string): { k: string; v?: number }[];
}
interface ViterbiBuilder {
  trie: DoubleArrayTrie;
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(ch: string): CharClass };
  build(sentence: string): unknown;
}
interface SurrogateAwareString {
  length: number;
  slice(index: number): string;
  charAt(index: number): string;
  toString(): string;
}
type Lattice = { append(node: unknown): void; appendEos(): void };
const SurrogateAware = require('kuromoji/src/util/SurrogateAwareString.js') as new (s: string) => SurrogateAwareString;
const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as new (
  name: number,
  cost: number,
  start: number,
  length: number,
  type: string,
  left: number,
  right: number,
  surface: string,
) => unknown;
const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => Lattice;

/** Every cache of this module, emptied after the warm-up. */
const caches: Map<unknown, unknown>[] = [];

/** A cache that forgets everything when full (the windows asked about are few and repeat). */
function memo<K, V>(f: (key: K) => V, limit: number): (key: K) => V {
  const cache = new Map<K, V>();
  caches.push(cache);
  return (key: K) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      v = f(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, v);
    }
    return v as V;
  };
}

/** One lattice node as kuromoji makes it, less where it starts. */
interface NodeSpec {
  name: number;
  cost: number;
  length: number;
  type: string;
  left: number;
  right: number;
  surface: string;
}

/** A word's lattice node from its dictionary entry: costs are read as kuromoji reads them (left, right, word cost). */
function nodeSpec(dict: Dictionary['dictionary'], id: number | string, type: string, length: number, surface: string): NodeSpec {
  const name = Number.parseInt(String(id), 10);
  return { name, cost: dict.getShort(name + 4), length, type, left: dict.getShort(name), right: dict.getShort(name + 2), surface };
}

/** The UTF-8 bytes of one code point, written into `into`; their count. */
function utf8Of(code: number, into: Uint8Array): number {
  if (code < 0x80) {
    into[0] = code;
    return 1;
  }
  if (code < 0x800) {
    into[0] = (code >>> 6) | 0xc0;
    into[1] = (code & 0x3f) | 0x80;
    return 2;
  }
  if (code < 0x10000) {
    into[0] = (code >>> 12) | 0xe0;
    into[1] = ((code >> 6) & 0x3f) | 0x80;
    into[2] = (code & 0x3f) | 0x80;
    return 3;
  }
  into[0] = (code >>> 18) | 0xf0;
  into[1] = ((code >> 12) & 0x3f) | 0x80;
  into[2] = ((code >> 6) & 0x3f) | 0x80;
  into[3] = (code & 0x3f) | 0x80;
  return 4;
}
const charBytes = new Uint8Array(4);

/**
 * The double-array trie's `commonPrefixSearch` (the dictionary words `key` starts with, shortest
 * first), walked on the UTF-8 bytes of each character as it comes. kuromoji's own encodes the
 * whole key into a new ArrayBuffer and copies every word found into another one before decoding
 * it: two or more ArrayBuffers per call, slow to allocate and to collect. Same walk over the
 * same arrays, same words. A key with a broken surrogate pair goes to kuromoji's own.
 */
function prefixWords(trie: DoubleArrayTrie, key: string): { k: string; v?: number }[] {
  const { bc } = trie;
  const found: { k: string; v?: number }[] = [];
  let parent = 0;
  for (let i = 0; i < key.length; ) {
    let code = key.charCodeAt(i++);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = key.charCodeAt(i++);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return trie.commonPrefixSearch(key);
      code = (code - 0xd800) * 0x400 + 0x10000 + (low - 0xdc00);
    }
    const n = utf8Of(code, charBytes);
    for (let b = 0; b < n; b++) {
      const child = bc.getBase(parent) + (charBytes[b] as number);
      if (bc.getCheck(child) !== parent) return found;
      parent = child;
      // A word ends here when the node has a child by the terminal code 0 (words are whole characters, so only after a last byte).
      const leaf = bc.getBase(parent);
      if (bc.getCheck(leaf) === parent) {
        const base = bc.getBase(leaf);
        found.push(base <= 0 ? { v: -base - 1, k: key.slice(0, i) } : { k: key.slice(0, i) });
      }
    }
  }
  return found;
}

/**
 * kuromoji's `ViterbiBuilder.build` with the nodes that start at a position cached by the text
 * from that position on, which is all they depend on. The nodes of one position are worked out
 * as kuromoji does (its code for one position, copied: dictionary words by the trie, unknown
 * words by the character class of the first character), in the same order, and a fresh node is
 * made from them for every lattice, since the search writes its costs into the nodes.
 */
function memoisedBuild(builder: ViterbiBuilder): (sentence: string) => Lattice {
  const { trie, token_info_dictionary: known, unknown_dictionary: unknown } = builder;
  const nodesFrom = memo((tail: string): NodeSpec[] => {
    const specs: NodeSpec[] = [];
    const vocabulary = prefixWords(trie, tail);
    const d = known.dictionary;
    for (const { v: trieId, k: key } of vocabulary) {
      for (const id of (trieId === undefined ? undefined : known.target_map[trieId]) ?? []) {
        specs.push(nodeSpec(d, id, 'KNOWN', key.length, key));
      }
    }
    const surrogateAwareTail = new SurrogateAware(tail);
    const headChar = new SurrogateAware(surrogateAwareTail.charAt(0));
    const headClass = unknown.lookup(headChar.toString());
    if (vocabulary.length === 0 || headClass.is_always_invoke === 1) {
      // kuromoji keeps the head character's object as the key unless it groups more characters.
      let key: SurrogateAwareString | string = headChar;
      if (headClass.is_grouping === 1 && 1 < surrogateAwareTail.length) {
        for (let k = 1; k < surrogateAwareTail.length; k++) {
          const next = surrogateAwareTail.charAt(k);
          if (headClass.class_name !== unknown.lookup(next).class_name) break;
          key = `${key}${next}`;
        }
      }
      const u = unknown.dictionary;
      for (const id of unknown.target_map[headClass.class_id] ?? []) {
        specs.push(nodeSpec(u, id, 'UNKNOWN', key.length, key.toString()));
      }
    }
    return specs;
  }, 50_000);
  return (sentenceText: string) => {
    const lattice = new ViterbiLattice();
    const sentence = new SurrogateAware(sentenceText);
    for (let pos = 0; pos < sentence.length; pos++) {
      const specs = nodesFrom(sentence.slice(pos));
      for (let i = 0; i < specs.length; i++) {
        const n = specs[i] as NodeSpec;
        lattice.append(new ViterbiNode(n.name, n.cost, pos + 1, n.length, n.type, n.left, n.right, n.surface));
      }
    }
    lattice.appendEos();
    return lattice;
  };
}

/** Whether a text has a UTF-16 surrogate (a character beyond the BMP, or half of one). */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * kuromoji's `ViterbiBuilder.build` for a text of BMP characters only (one UTF-16 unit each, so
 * kuromoji's code-point positions and lengths are UTF-16 ones): the same nodes in the same order,
 * without a string per position. At each position the trie is walked on the text in place; the
 * nodes of a dictionary word depend only on the word (its entries' ids and costs), so they are
 * kept by its trie id; the unknown-word nodes depend on the class of the head character (kept by
 * its code) and on how far that class runs. A text with a surrogate goes to `fallback`
 * (kuromoji's code for one position, cached by suffix), as do the positions kuromoji's own
 * trie search would treat differently (none in BMP text).
 */
function bmpBuild(builder: ViterbiBuilder, fallback: (sentence: string) => Lattice): (sentence: string) => Lattice {
  const { trie, token_info_dictionary: known, unknown_dictionary: unknown } = builder;
  const { bc } = trie;
  /** The nodes of a dictionary word by trie id, with the word they were made for. */
  const wordNodes = new Map<number, { surface: string; specs: NodeSpec[] }>();
  caches.push(wordNodes);
  /** The unknown-word class of a character, by code (`unknown.lookup` of a BMP character depends on its code only). */
  const classes: (CharClass | undefined)[] = new Array(0x10000);
  const classOf = (code: number): CharClass => {
    let c = classes[code];
    if (c === undefined) {
      c = unknown.lookup(String.fromCharCode(code));
      classes[code] = c;
    }
    return c;
  };
  /** The unknown-word entries of a class (ids and costs; length and surface are set per node). */
  const unknownNodes = new Map<number, NodeSpec[]>();
  const unknownOf = (cls: CharClass): NodeSpec[] => {
    let specs = unknownNodes.get(cls.class_id);
    if (!specs) {
      specs = (unknown.target_map[cls.class_id] ?? []).map((id) => nodeSpec(unknown.dictionary, id, 'UNKNOWN', 0, ''));
      unknownNodes.set(cls.class_id, specs);
    }
    return specs;
  };
  const ids: number[] = [];
  const ends: number[] = [];
  /** The dictionary words that start at `from` (shortest first, as `prefixWords`): their trie ids (-1: none) and ends, into `ids` and `ends`; their count. */
  const wordsAt = (text: string, from: number): number => {
    let count = 0;
    let parent = 0;
    for (let i = from; i < text.length; ) {
      const n = utf8Of(text.charCodeAt(i++), charBytes);
      for (let b = 0; b < n; b++) {
        const child = bc.getBase(parent) + (charBytes[b] as number);
        if (bc.getCheck(child) !== parent) return count;
        parent = child;
        const leaf = bc.getBase(parent);
        if (bc.getCheck(leaf) === parent) {
          const base = bc.getBase(leaf);
          ids[count] = base <= 0 ? -base - 1 : -1;
          ends[count] = i;
          count++;
        }
      }
    }
    return count;
  };
  return (text: string) => {
    if (SURROGATE.test(text)) return fallback(text);
    const lattice = new ViterbiLattice();
    for (let pos = 0; pos < text.length; pos++) {
      const count = wordsAt(text, pos);
      for (let w = 0; w < count; w++) {
        const trieId = ids[w] as number;
        if (trieId < 0) continue;
        const end = ends[w] as number;
        let entry = wordNodes.get(trieId);
        if (!entry || entry.surface.length !== end - pos || !text.startsWith(entry.surface, pos)) {
          const surface = text.slice(pos, end);
          const specs = (known.target_map[trieId] ?? []).map((id) => nodeSpec(known.dictionary, id, 'KNOWN', surface.length, surface));
          entry = { surface, specs };
          if (wordNodes.size >= 200_000) wordNodes.clear();
          wordNodes.set(trieId, entry);
        }
        const specs = entry.specs;
        for (let i = 0; i < specs.length; i++) {
          const n = specs[i] as NodeSpec;
          lattice.append(new ViterbiNode(n.name, n.cost, pos + 1, n.length, n.type, n.left, n.right, n.surface));
        }
      }
      const head = classOf(text.charCodeAt(pos));
      if (count === 0 || head.is_always_invoke === 1) {
        let end = pos + 1;
        if (head.is_grouping === 1) while (end < text.length && classOf(text.charCodeAt(end)).class_name === head.class_name) end++;
        const surface = text.slice(pos, end);
        const specs = unknownOf(head);
        for (let i = 0; i < specs.length; i++) {
          const n = specs[i] as NodeSpec;
          lattice.append(new ViterbiNode(n.name, n.cost, pos + 1, surface.length, n.type, n.left, n.right, surface));
        }
      }
    }
    lattice.appendEos();
    return lattice;
  };
}

/**
 * Each kuromoji call re-encodes every suffix of its text to UTF-8 to walk the dictionary trie,
 * reads each candidate word's costs from a byte buffer and decodes each token's features from
 * UTF-8 bytes one character at a time; for the short windows the PII detector asks about (a name
 * before 様, ≈ 4 characters) that is most of a call. The same dictionary words and entries come
 * back again and again, so the lattice nodes of a word (`bmpBuild`; by suffix for a text with a
 * surrogate) and the feature strings are cached: the results are the ones kuromoji computes.
 */
function memoiseLookups(tokenizer: unknown): void {
  const builder = (tokenizer as { viterbi_builder?: ViterbiBuilder }).viterbi_builder;
  if (!builder?.trie || !builder.token_info_dictionary || !builder.unknown_dictionary) return;
  const known = builder.token_info_dictionary;
  const unknown = builder.unknown_dictionary;
  builder.build = bmpBuild(builder, memoisedBuild(builder));
  known.getFeatures = memo(known.getFeatures.bind(known), 100_000);
  unknown.getFeatures = memo(unknown.getFeatures.bind(unknown), 1_000);
}

/**
 * Text the tokenizer is tried on once it is loaded (a business mail with names, titles, katakana,
 * kana and punctuation), so that kuromoji's code has been optimised by V8 before the first
 * document: its first two thousand calls otherwise run ≈ 5× slower (≈ 60 µs each on the PII
 * bench against ≈ 12 µs). It is cut into the short windows the detector asks about.
 */
const WARM_UP_TEXT =
  '株式会社山田商事　営業部の佐藤花子様、いつもお世話になっております。先日ご相談いただいた件につき、弊社の田中部長と鈴木課長より' +
  'ご連絡いたします。担当：高橋　健一、ヤマダタロウさん、渡辺まゆみさん、小林誠一郎先生、伊藤さくら氏、中村翔太くん。' +
  '東京都千代田区丸の内一丁目２番３号の本社ビル５階にて、来週の月曜日十時から打ち合わせを予定しております。' +
  '出席者は山本取締役、加藤代表取締役社長、吉田マネージャー、スミス・ジョン氏です。ご不明な点がございましたら、お気軽にお問い合わせください。';

function warmUp(tokenizer: JaTokenizer): void {
  let calls = 0;
  for (let width = 2; width <= 9 && calls < 2_000; width++) {
    for (let at = 0; at + width <= WARM_UP_TEXT.length && calls < 2_000; at += 1, calls++)
      tokenizer.tokenize(WARM_UP_TEXT.slice(at, at + width));
  }
  // Only the code is kept warm: no result worked out here is kept for the documents that follow.
  for (const cache of caches) cache.clear();
}

export function loadKuromojiTokenizer(): Promise<JaTokenizer> {
  loading ??= new Promise<JaTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, tokenizer) => {
      if (err) {
        loading = null;
        reject(err);
        return;
      }
      memoiseLookups(tokenizer);
      // Each call costs ≈ 0.1 ms however short the text; the detector asks about the same short windows (a name before 様) again and again.
      const cache = new Map<string, JaToken[]>();
      caches.push(cache);
      const port: JaTokenizer = {
        tokenize(text: string): JaToken[] {
          const hit = cache.get(text);
          if (hit) return hit;
          // kuromoji skips a NUL without counting it, so every later token's start would point one
          // character early (a redaction would cover the wrong text). A space keeps the positions.
          const hasNul = text.includes('\0');
          const tokens = tokenizer.tokenize(hasNul ? text.replaceAll('\0', ' ') : text).map((t) => ({
            surface: hasNul ? text.slice(t.word_position - 1, t.word_position - 1 + t.surface_form.length) : t.surface_form,
            pos: t.pos,
            posDetail1: t.pos_detail_1,
            posDetail2: t.pos_detail_2,
            posDetail3: t.pos_detail_3,
            base: t.basic_form,
            // kuromoji counts positions from 1.
            start: t.word_position - 1,
          }));
          if (text.length <= 32) {
            if (cache.size >= 20_000) cache.clear();
            cache.set(text, tokens);
          }
          return tokens;
        },
      };
      warmUp(port);
      resolve(port);
    });
  });
  return loading;
}
