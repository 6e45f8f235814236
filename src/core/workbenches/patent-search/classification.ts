/**
 * Patent classification codes: CPC and IPC (the same shape: section, class, subclass, main group,
 * subgroup), Japan's FI (IPC plus a subdivision and a file discrimination letter) and F-terms.
 *
 * Parsing accepts the spellings met in the wild — `A61B 5/02`, `A61B5/02`, `A61B 5/0205`, USPTO's
 * padded `A61B0005020000` (4-digit main group, 6-digit subgroup), v4.0's `G06F015/00`, an IPC
 * edition suffix `A61B 5/02 (2006.01)` or `A61B 5/02 20060101` — and returns the canonical spelling
 * `A61B 5/0205` (a bare `A61B`, `A61`, `A` when the code stops at the subclass, class or section,
 * as search filters do).
 *
 * Hierarchy: the real CPC/IPC subgroup hierarchy is given by the number of dots before each
 * subgroup's title in the scheme (A61B 5/0205 is a two-dot child of A61B 5/02… or not: the digits do
 * not say). It cannot be derived from the code alone, so `classificationIncludes` implements only
 * what the code does tell: a main group (`/00`) includes its subgroups, a subclass all its groups, a
 * class all its subclasses, a section all its classes; any other subgroup includes only itself.
 */

export type ClassificationLevel = 'section' | 'class' | 'subclass' | 'main_group' | 'subgroup';

export type ClassificationCode = {
  /** Canonical spelling: `A61B 5/0205`, `A61B 5/00`, `A61B`, `A61`, `A`. */
  code: string;
  section: string;
  class?: string;
  subclass?: string;
  mainGroup?: string;
  subgroup?: string;
  level: ClassificationLevel;
  /** An IPC edition or version date given with the code (`2006.01`, `20060101`). */
  edition?: string;
};

export const classificationProblems = [
  'empty',
  'too_long',
  'bad_section',
  'bad_class',
  'bad_subclass',
  'bad_main_group',
  'bad_subgroup',
  'trailing_characters',
] as const;
export type ClassificationProblem = (typeof classificationProblems)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ClassificationProblem; message: string };

const fail = (reason: ClassificationProblem, message: string): { ok: false; reason: ClassificationProblem; message: string } => ({
  ok: false,
  reason,
  message,
});

/** Full-width letters and digits to ASCII, upper case, whitespace runs to one space, trimmed. */
const clean = (raw: string) => raw.normalize('NFKC').toUpperCase().replace(/\s+/g, ' ').trim();

/** The edition/version suffix IPC codes carry: `(2006.01)`, `20060101`, `2006.01`. */
const EDITION = /(?:\s*\((\d{4}\.\d{2})\)|\s+(\d{4}\.\d{2})|\s+(\d{8}))$/;

function parseIpcLike(raw: string): Parsed<ClassificationCode> {
  let s = clean(raw);
  if (s === '') return fail('empty', 'No code given.');
  if (s.length > 60) return fail('too_long', 'A classification code has at most 60 characters.');
  let edition: string | undefined;
  // An edition only follows a group; strip it before reading the group.
  const ed = s.length > 4 ? EDITION.exec(s) : null;
  if (ed && ed.index > 0) {
    edition = ed[1] ?? ed[2] ?? ed[3];
    s = s.slice(0, ed.index).trim();
  }
  const section = s[0] as string;
  if (!/[A-HY]/.test(section)) return fail('bad_section', `"${raw}": the section must be one of A–H or Y.`);
  if (s.length === 1) return { ok: true, value: { code: section, section, level: 'section', ...(edition && { edition }) } };
  const cls = s.slice(1, 3);
  if (!/^\d{2}$/.test(cls)) return fail('bad_class', `"${raw}": the class must be two digits after the section (A61).`);
  if (s.length === 3) return { ok: true, value: { code: `${section}${cls}`, section, class: cls, level: 'class' } };
  const sub = s[3] as string;
  if (!/[A-Z]/.test(sub)) return fail('bad_subclass', `"${raw}": the subclass must be one letter after the class (A61B).`);
  const head = { section, class: cls, subclass: sub };
  const rest = s.slice(4).trim();
  if (rest === '') return { ok: true, value: { code: `${section}${cls}${sub}`, ...head, level: 'subclass' } };
  let main: string;
  let subgroup: string;
  const padded = /^(\d{4})(\d{6})$/.exec(rest);
  if (padded) {
    // USPTO XML's fixed-width form: A61B0005020000 → main group 0005, subgroup 020000.
    main = padded[1] as string;
    subgroup = padded[2] as string;
  } else {
    const m = /^(\d*)\s*(?:\/\s*(\d*))?(.*)$/.exec(rest) as RegExpExecArray;
    main = m[1] ?? '';
    if (m[2] === undefined) {
      if (main === '') return fail('bad_main_group', `"${raw}": expected a main group of 1–4 digits after the subclass.`);
      return fail('bad_subgroup', `"${raw}": the main group must be followed by / and a subgroup (A61B 5/02).`);
    }
    subgroup = m[2];
    if ((m[3] ?? '').trim() !== '') return fail('trailing_characters', `"${raw}": unexpected "${(m[3] ?? '').trim()}" after the code.`);
  }
  const mainValue = main.replace(/^0+/, '');
  if (!/^[1-9]\d{0,3}$/.test(mainValue)) return fail('bad_main_group', `"${raw}": the main group must be 1–4 digits, not zero.`);
  if (!/^\d{2,}$/.test(subgroup)) return fail('bad_subgroup', `"${raw}": the subgroup must be at least two digits.`);
  // Trailing zeros past the second digit carry nothing (5/020000 is 5/02).
  const subValue = subgroup.replace(/0+$/, '').padEnd(2, '0');
  if (subValue.length > 6) return fail('bad_subgroup', `"${raw}": the subgroup has at most six digits.`);
  return {
    ok: true,
    value: {
      code: `${section}${cls}${sub} ${mainValue}/${subValue}`,
      ...head,
      mainGroup: mainValue,
      subgroup: subValue,
      level: subValue === '00' ? 'main_group' : 'subgroup',
      ...(edition && { edition }),
    },
  };
}

/** A CPC or IPC code (or a filter prefix: section, class, subclass) in any common spelling. */
export function parseClassification(raw: string): Parsed<ClassificationCode> {
  return parseIpcLike(raw);
}

/** The canonical spelling, or null when the code is malformed. */
export function normalizeClassification(raw: string): string | null {
  const r = parseIpcLike(raw);
  return r.ok ? r.value.code : null;
}

/** A complete code (down to a group) — what a patent carries, as opposed to a filter prefix. */
export function parseGroupCode(raw: string): Parsed<ClassificationCode> {
  const r = parseIpcLike(raw);
  if (!r.ok) return r;
  if (r.value.level !== 'main_group' && r.value.level !== 'subgroup')
    return fail(
      r.value.level === 'subclass' ? 'bad_main_group' : r.value.level === 'class' ? 'bad_subclass' : 'bad_class',
      `"${raw}" stops at the ${r.value.level}; a patent's code goes down to a group (A61B 5/02).`,
    );
  return r;
}

/**
 * Whether the filter `outer` includes `inner` (both in any spelling): same code; or `outer` is a
 * section, class or subclass `inner` lies in; or `outer` is a main group (`/00`) and `inner` one of
 * its subgroups. False when either is malformed. (Subgroup dots are not in the code: see the header.)
 */
export function classificationIncludes(outer: string | ClassificationCode, inner: string | ClassificationCode): boolean {
  const o = typeof outer === 'string' ? parseIpcLike(outer) : { ok: true as const, value: outer };
  const i = typeof inner === 'string' ? parseIpcLike(inner) : { ok: true as const, value: inner };
  if (!o.ok || !i.ok) return false;
  const a = o.value;
  const b = i.value;
  if (a.section !== b.section) return false;
  if (a.level === 'section') return true;
  if (a.class !== b.class) return false;
  if (a.level === 'class') return b.level !== 'section';
  if (a.subclass !== b.subclass) return false;
  if (a.level === 'subclass') return b.level !== 'section' && b.level !== 'class';
  if (a.mainGroup !== b.mainGroup || b.subgroup === undefined) return false;
  if (a.level === 'main_group') return true;
  return a.subgroup === b.subgroup;
}

/** A filter matches a patent when it includes any of the patent's codes. */
export const matchesClassification = (filter: string, codes: readonly string[]) => {
  const f = parseIpcLike(filter);
  return f.ok && codes.some((c) => classificationIncludes(f.value, c));
};

// ---------- FI and F-terms (Japan) ----------

export type FiCode = {
  /** `A61B5/00,102A` */
  code: string;
  ipc: ClassificationCode;
  /** The three-digit subdivision (`102`), if any. */
  subdivision?: string;
  /** The file discrimination letter (`A`), if any. */
  file?: string;
};

export type FiProblem = ClassificationProblem | 'bad_subdivision' | 'bad_file_symbol';

/**
 * FI: an IPC group, then an optional three-digit subdivision and an optional file discrimination
 * letter — `A61B5/00,102A`, `A61B 5/00 102 A`, `A61B5/00@A`. Canonical: `A61B5/00,102A`, `A61B5/00@A`.
 */
export function parseFi(raw: string): { ok: true; value: FiCode } | { ok: false; reason: FiProblem; message: string } {
  const s = clean(raw);
  const m = /^([A-Z]\d{2}[A-Z]\s*\d+\s*\/\s*\d+)(?:\s*[,\s]\s*(\d+))?(?:\s*@?\s*([A-Z]))?\s*(.*)$/.exec(s);
  if (!m) {
    const ipc = parseGroupCode(s);
    return ipc.ok ? fail('trailing_characters', `"${raw}" is not an FI code.`) : ipc;
  }
  const ipc = parseGroupCode(m[1] as string);
  if (!ipc.ok) return ipc;
  if ((m[4] ?? '') !== '') return { ok: false, reason: 'bad_file_symbol', message: `"${raw}": unexpected "${m[4]}" after the FI code.` };
  const subdivision = m[2];
  if (subdivision !== undefined && !/^\d{3}$/.test(subdivision))
    return { ok: false, reason: 'bad_subdivision', message: `"${raw}": the FI subdivision must be three digits (102).` };
  const file = m[3];
  const group = ipc.value.code.replace(' ', '');
  const code = `${group}${subdivision ? `,${subdivision}` : ''}${file ? (subdivision ? file : `@${file}`) : ''}`;
  return { ok: true, value: { code, ipc: ipc.value, ...(subdivision && { subdivision }), ...(file && { file }) } };
}

export type FtermCode = { code: string; theme: string; viewpoint: string; figure: string; additional?: string };

/** F-term: a 5-character theme (`4C117`), a 2-letter viewpoint and 2 digits (`XB01`), an optional additional code. */
export function parseFterm(
  raw: string,
): { ok: true; value: FtermCode } | { ok: false; reason: 'empty' | 'bad_theme' | 'bad_term'; message: string } {
  const s = clean(raw).replace(/[\s.]/g, '');
  if (s === '') return { ok: false, reason: 'empty', message: 'No code given.' };
  const theme = s.slice(0, 5);
  if (!/^\d[A-Z]\d{3}$/.test(theme))
    return { ok: false, reason: 'bad_theme', message: `"${raw}": an F-term starts with a theme code such as 4C117.` };
  const m = /^([A-Z]{2})(\d{2})([A-Z0-9])?$/.exec(s.slice(5));
  if (!m) return { ok: false, reason: 'bad_term', message: `"${raw}": after the theme comes a viewpoint and figure such as XB01.` };
  const [, viewpoint, figure, additional] = m as unknown as [string, string, string, string | undefined];
  return {
    ok: true,
    value: { code: `${theme}${viewpoint}${figure}${additional ?? ''}`, theme, viewpoint, figure, ...(additional && { additional }) },
  };
}

/**
 * US national classes as USPTO XML writes them (a 3-character class then the subclass, padded:
 * `715513`, `705 26`, `707  7`, `D24187`) → `715/513`, `705/26`, `707/7`, `D24/187`.
 */
export function normalizeUspc(raw: string): string | null {
  const s = raw.normalize('NFKC').toUpperCase();
  if (s.trim() === '') return null;
  const cls = s
    .slice(0, 3)
    .trim()
    .replace(/^0+(?=.)/, '');
  const sub = s
    .slice(3)
    .trim()
    .replace(/\s+/g, '')
    .replace(/^0+(?=\d)/, '');
  if (!/^[0-9A-Z]{1,3}$/.test(cls) || !/^[0-9A-Z.]{1,12}$/.test(sub)) return null;
  return `${cls}/${sub}`;
}
