import type { Candidate } from './candidates.js';
import { enFamilyNames, enGivenNames, enNotNames, enOrgWords } from './names-en.js';

/**
 * English person names: runs of capitalised words judged by what stands around them (a title,
 * a label, "Dear", a signature line) and by the name lists; a run followed by an organisation
 * word (Inc, Holdings, & Sons) is a company, not a person.
 */
const WORD = /(?:(?:Mc|Mac|O'|D'|[A-Z]')[A-Z]?[a-z]+(?:-[A-Z][a-z]+)*|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.)/y;
// TITLE and LABEL end where a name starts: they are look-behinds tried at that one place (see `endsWith`),
// not patterns ending in $ that the engine tries at every character before it.
const TITLE = /(?<=\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord|Rev)\.?\s+)/y;
const LABEL =
  /(?<=\b(?:name|full name|contact|customer|client|employee|patient|applicant|tenant|attn|attention|signed|signature|prepared by|submitted by|assigned to|reported by|requested by|requester|owner|agent|author|from|to|cc|approved by|reviewed by|account holder|cardholder|beneficiary|witness|candidate|interviewer|attendees?|present|manager|speaker|caller|driver|insured|guarantor|emergency contact)\s*[:：]\s*|\b(?:Dear|Hi|Hello|Hey|Thanks|Thank you|Cheers),?\s+)/iy;
const SIGN_OFF =
  /^(?:best|best regards|kind regards|warm regards|regards|sincerely|yours sincerely|yours truly|thanks|thank you|many thanks|cheers|respectfully)[,.!]?\s*$/i;
const AFTER_PERSON =
  /^(?:,\s*(?:CEO|CFO|COO|CTO|VP|MD|PhD|Esq)\b|\s+(?:said|says|wrote|writes|joined|will|called|emailed|confirmed|asked|noted|reported|mentioned|is|was|has|had|presented|shared|led|agreed|suggested|explained|proposed|raised|reviewed|approved|requested|to)\b|\s*\((?:CEO|CFO|COO|CTO|Director|Manager|Head|VP|Partner|Lead|Analyst|Engineer)\b)/;

/** Whether a sticky look-behind matches at the end of `s`. */
function endsWith(re: RegExp, s: string): boolean {
  re.lastIndex = s.length;
  return re.test(s);
}

interface Run {
  start: number;
  end: number;
  words: string[];
}

/** Words that end a run of names ("Dear", "Street", "Inc"): one lookup instead of two. */
const STOP_WORDS: ReadonlySet<string> = new Set([...enNotNames, ...enOrgWords]);

const isAsciiLetterOrDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiUpper = (c: number) => c >= 65 && c <= 90;

function capitalisedRuns(t: string): Run[] {
  const runs: Run[] = [];
  const cap = /\b(?:[A-Z][a-z]|[A-Z]'[A-Za-z])/g;
  let m: RegExpExecArray | null = cap.exec(t);
  while (m) {
    let pos = m.index;
    const words: string[] = [];
    const starts: number[] = [];
    let end = pos;
    while (words.length < 5) {
      WORD.lastIndex = pos;
      const w = WORD.exec(t);
      if (!w) break;
      if (isAsciiLetterOrDigit(t.charCodeAt(pos + w[0].length)) && !w[0].endsWith('.')) break;
      words.push(w[0]);
      starts.push(pos);
      end = pos + w[0].length;
      if (t.charCodeAt(end) !== 32 || !isAsciiUpper(t.charCodeAt(end + 1))) break;
      pos = end + 1;
    }
    if (words.length > 0) {
      // Split at words that are never names ("Dear", "Street", "Inc"): each part is judged alone.
      let partStart = -1;
      for (let i = 0; i <= words.length; i++) {
        const w = words[i];
        const stop = w === undefined || STOP_WORDS.has(w);
        if (!stop && partStart < 0) partStart = i;
        if (stop && partStart >= 0) {
          const last = i - 1;
          runs.push({
            start: starts[partStart] ?? 0,
            end: (starts[last] ?? 0) + (words[last]?.length ?? 0),
            words: words.slice(partStart, i),
          });
          partStart = -1;
        }
      }
    }
    cap.lastIndex = Math.max(end, m.index + 1);
    m = cap.exec(t);
  }
  return runs;
}

const isInitial = (w: string) => /^[A-Z]\.$/.test(w);

const LIST_SEPARATOR = /^\s*(?:,|;|and|&)\s*$/;

export function englishPersons(t: string, out: Candidate[]): void {
  let lastPersonEnd = -1;
  for (const run of capitalisedRuns(t)) {
    let { start, end, words } = run;
    while (words.length > 0 && isInitial(words[0] ?? '')) {
      start += (words[0]?.length ?? 0) + 1;
      words = words.slice(1);
    }
    if (words.length === 0 || words.length > 4) continue;
    const first = words[0] ?? '';
    const last = words.at(-1) ?? '';
    const knownGiven = enGivenNames.has(first);
    const knownFamily = enFamilyNames.has(last);
    const lineStart = t.lastIndexOf('\n', start - 1) + 1;
    const before = t.slice(Math.max(lineStart, start - 40), start);
    // A single word scores only after a title, or after a label when it is a listed name (every other
    // rule below wants two words or more): most capitalised words (The, Please, Monday) stop here.
    if (words.length === 1 && !endsWith(TITLE, before) && !((knownGiven || knownFamily) && endsWith(LABEL, before))) continue;
    const tail = t.slice(end, end + 30);
    // "Smith & Sons", "Carter Holdings", "Johnson and Johnson": a company.
    if (/^\s*(?:&|and\s+[A-Z]|,?\s*(?:Inc|LLC|LLP|Ltd|Corp|Co\.|PLC|GmbH)\b)/.test(tail)) continue;
    const prevLine = t.slice(t.lastIndexOf('\n', lineStart - 2) + 1, Math.max(lineStart - 1, 0));
    let score = 0;
    if (endsWith(TITLE, before)) score = 0.9;
    else if (endsWith(LABEL, before)) score = words.length >= 2 || knownGiven || knownFamily ? 0.85 : 0;
    else if (start === lineStart && SIGN_OFF.test(prevLine.trim()) && words.length >= 2 && words.length <= 3) score = 0.85;
    else if (words.length >= 2 && knownGiven && (knownFamily || /^[A-Z][a-z]{2,}/.test(last))) score = knownFamily ? 0.85 : 0.7;
    else if (words.length >= 2 && knownFamily && AFTER_PERSON.test(tail)) score = 0.7;
    else if (words.length === 2 && knownFamily && /^[A-Z][a-z]{2,}$/.test(first) && !/[.!?]\s*$|^\s*$/.test(before)) score = 0.6;
    // The next name of a list that began with one: "Attendees: Ann Lee, Bo Chan, Cy Diaz".
    if (score === 0 && words.length >= 2 && lastPersonEnd >= 0 && LIST_SEPARATOR.test(t.slice(lastPersonEnd, start))) score = 0.75;
    // A whole field of a CSV row: "84508,Amos Koepp,amos@…".
    if (
      score === 0 &&
      words.length >= 2 &&
      words.length <= 3 &&
      /(?:^|[,\t"])$/.test(t.slice(start - 1, start) || '^') &&
      /^(?:[,\t"]|\r?\n|$)/.test(tail)
    )
      score = 0.6;
    if (score === 0) continue;
    lastPersonEnd = end;
    // A name stops at an organisation word ("Taylor Group"); the run already excludes it.
    out.push({ start, end, type: 'PERSON', score });
  }
}
