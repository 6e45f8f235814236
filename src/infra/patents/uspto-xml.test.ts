import { describe, expect, it } from 'vitest';
import { DuplicateTracker, type PatentImportItem, summarize } from './import.js';
import { readUsptoXml } from './uspto-xml.js';

/** Shapes of USPTO grant XML, cut down to what kpo reads (texts are from the cited US patents or made up). */
const head = (dtd: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-${dtd}.dtd" [ ]>
`;

function grant(o: {
  number: string;
  kind?: string;
  date?: string;
  filed?: string;
  title?: string;
  bib?: string;
  claims?: string;
  tail?: string;
}) {
  return `${head('v45-2014-04-03')}<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03" country="US">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>${o.number}</doc-number><kind>${o.kind ?? 'B2'}</kind><date>${o.date ?? '20150106'}</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><country>US</country><doc-number>13349377</doc-number><date>${o.filed ?? '20120112'}</date></document-id></application-reference>
${o.bib ?? ''}
<invention-title id="d2e53">${o.title ?? 'Balloon catheter'}</invention-title>
</us-bibliographic-data-grant>
<abstract id="abstract"><p id="p-0001" num="0000">A balloon catheter with a pressure sensor.</p></abstract>
<description id="description"><heading id="h-0001" level="1">BACKGROUND</heading>
<p id="p-0002" num="0001">Catheters are <i>widely</i> used.</p>
<p id="p-0003" num="0002">A balloon&#x2014;inflated by fluid.</p>
</description>
<claims id="claims">${
    o.claims ??
    `<claim id="CLM-00001" num="00001"><claim-text>1. A catheter comprising:
<claim-text>a shaft;</claim-text>
<claim-text>a balloon; and</claim-text>
<claim-text>a pressure sensor.</claim-text></claim-text></claim>
<claim id="CLM-00002" num="00002"><claim-text>2. The catheter of <claim-ref idref="CLM-00001">claim 1</claim-ref>, wherein the balloon is polyurethane.</claim-text></claim>`
  }</claims>
${o.tail ?? ''}</us-patent-grant>
`;
}

async function all(input: string | string[], duplicates?: DuplicateTracker): Promise<PatentImportItem[]> {
  const out: PatentImportItem[] = [];
  for await (const it of readUsptoXml(typeof input === 'string' ? [input] : input, duplicates ? { duplicates } : {})) out.push(it);
  return out;
}

const ok = (it: PatentImportItem | undefined) => {
  if (!it?.ok) throw new Error(`expected a record, got ${JSON.stringify(it)}`);
  return it.record;
};

/** Splits text into chunks of n characters (and bytes across a multi-byte character). */
function chunks(text: string, n: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += n) out.push(bytes.subarray(i, i + n));
  return out;
}

describe('readUsptoXml: a minimal document', () => {
  it('reads number, title, abstract, paragraphs, claims and dependencies', async () => {
    const [item] = await all(grant({ number: '08926509' }));
    const r = ok(item);
    expect(r).toMatchObject({
      number: 'US8926509B2',
      country: 'US',
      kind: 'B2',
      title: 'Balloon catheter',
      abstract: 'A balloon catheter with a pressure sensor.',
      publicationDate: '2015-01-06',
      grantDate: '2015-01-06',
      filingDate: '2012-01-12',
      priorityDate: '2012-01-12',
      language: 'en',
    });
    expect(r.description).toEqual([
      { id: '0001', text: 'Catheters are widely used.' },
      { id: '0002', text: 'A balloon\u2014inflated by fluid.' },
    ]);
    expect(r.claims).toEqual([
      { number: 1, text: 'A catheter comprising:\na shaft;\na balloon; and\na pressure sensor.', dependsOn: [] },
      { number: 2, text: 'The catheter of claim 1, wherein the balloon is polyurethane.', dependsOn: [1] },
    ]);
  });
});

describe('readUsptoXml: bulk files', () => {
  const bulk = [
    grant({ number: '08000001' }),
    `${head('v45-2014-04-03')}<us-patent-grant lang="EN"><us-bibliographic-data-grant><invention-title>broken</us-bibliographic-data-grant></us-patent-grant>\n`,
    grant({ number: '08000003', title: 'Blood pressure monitor \u8840\u5727\u8a08' }),
  ].join('');

  it('splits concatenated documents; a malformed one is reported and the rest read', async () => {
    const items = await all(bulk);
    expect(items.map((i) => (i.ok ? i.record.number : i.reason))).toEqual(['US8000001B2', 'malformed_xml', 'US8000003B2']);
    const bad = items[1];
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) {
      expect(bad.position.document).toBe(2);
      // the second declaration's line: one more than the first document's line breaks
      expect(bad.position.line).toBe(grant({ number: '08000001' }).split('\n').length);
      expect(bad.message).toMatch(/Document 2/);
    }
  });

  it('the same records whatever the chunk size (declarations and characters split across chunks)', async () => {
    const whole = await all(bulk);
    for (const n of [1, 3, 5, 7, 64, 4096]) {
      const items = await all(chunks(bulk, n) as unknown as string[]);
      expect(items).toEqual(whole);
    }
  });

  it('a non-grant document, a document without a number, and an impossible date', async () => {
    const items = await all([
      `${head('v44')}<us-patent-application><us-bibliographic-data-application/></us-patent-application>\n`,
      grant({ number: '' }).replace('<kind>B2</kind>', '<kind></kind>'),
      grant({ number: '08000009', date: '20150230' }),
    ]);
    expect(items.map((i) => !i.ok && i.reason)).toEqual(['not_a_patent_grant', 'missing_field', 'invalid_record']);
    const invalid = items[2];
    if (invalid && !invalid.ok) {
      expect(invalid.number).toBe('US8000009B2');
      expect(invalid.issues?.some((i) => i.path.join('.') === 'publicationDate')).toBe(true);
    }
  });

  it('duplicates: the same content counts as a duplicate, different content is refused', async () => {
    const d = new DuplicateTracker();
    const items = await all(
      [grant({ number: '08000001' }), grant({ number: '08000001' }), grant({ number: '08000001', title: 'Other' })],
      d,
    );
    expect(items.map((i) => (i.ok ? (i.duplicate ? 'duplicate' : 'new') : i.reason))).toEqual(['new', 'duplicate', 'duplicate_conflict']);
    expect(summarize(items)).toEqual({ imported: 1, duplicates: 1, rejected: 1, byReason: { duplicate_conflict: 1 } });
  });

  it('an empty input yields nothing', async () => {
    expect(await all('')).toEqual([]);
  });
});

describe('readUsptoXml: one real-shape snippet per DTD version', () => {
  it('v4.0 (2004-12-02): applicants as inventors, classification-ipc, classification-national, references-cited', async () => {
    // Shape of US 6,859,910 B2 (v40 2004-12-02).
    const xml = `${head('v40-2004-12-02')}<us-patent-grant lang="EN" dtd-version="v40 2004-12-02" file="US06859910-20050222.XML" status="PARALLEL-RUN" id="us-patent-grant" country="US" date-produced="20050209" date-publ="20050222">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>06859910</doc-number><kind>B2</kind><date>20050222</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><country>US</country><doc-number>09832323</doc-number><date>20010410</date></document-id></application-reference>
<us-application-series-code>09</us-application-series-code>
<us-term-of-grant><us-term-extension>802</us-term-extension></us-term-of-grant>
<classification-ipc><edition>7</edition><main-classification>G06F015/00</main-classification><further-classification>G06F017/00</further-classification></classification-ipc>
<classification-national><country>US</country><main-classification>715513</main-classification><further-classification>705 26</further-classification></classification-national>
<invention-title id="d0e53">Methods and systems for transactional tunneling</invention-title>
<references-cited>
<citation><patcit num="00001"><document-id><country>US</country><doc-number>5793966</doc-number><kind>A</kind><name>Amstein et al.</name><date>19980800</date></document-id></patcit><category>cited by examiner</category><classification-national><country>US</country><main-classification>709203</main-classification></classification-national></citation>
</references-cited>
<number-of-claims>2</number-of-claims>
<field-of-search><classification-national><country>US</country><main-classification>709203</main-classification></classification-national></field-of-search>
<us-related-documents><us-provisional-application><document-id><country>US</country><doc-number>60195933</doc-number><kind>00</kind><date>20000410</date></document-id></us-provisional-application></us-related-documents>
<parties>
<applicants><applicant sequence="001" app-type="applicant-inventor" designation="us-only"><addressbook><last-name>Croy</last-name><first-name>John Charles</first-name><address><city>Boulder</city><state>CO</state><country>US</country></address></addressbook><nationality><country>US</country></nationality></applicant></applicants>
</parties>
<assignees><assignee><addressbook><orgname>Bluestreak.com</orgname><role>02</role></addressbook></assignee></assignees>
</us-bibliographic-data-grant>
<abstract id="abstract"><p id="P-00001" num="00001">Methods and systems for executing an electronic transaction are provided.</p></abstract>
<description id="description"><p id="P-00002" num="00002">This application claims priority to U.S. Provisional Patent Application Ser. No. 60/195,933.</p></description>
<claims id="claims">
<claim id="CLM-00001" num="1"><claim-text>1. A method of executing an electronic transaction, comprising: <claim-text>establishing a persistent connection to a server; and</claim-text> <claim-text>upon interaction of the user with the display, executing the rules.</claim-text></claim-text></claim>
<claim id="CLM-00002" num="2"><claim-text>2. A method of <claim-ref idref="CLM-00001">claim 1</claim-ref>, further comprising: <claim-text>caching static content from the set of pages.</claim-text></claim-text></claim>
</claims>
</us-patent-grant>
`;
    const r = ok((await all(xml))[0]);
    expect(r).toMatchObject({
      number: 'US6859910B2',
      ipc: ['G06F 15/00', 'G06F 17/00'],
      cpc: [],
      uspc: ['715/513', '705/26'],
      priorityDate: '2000-04-10',
      filingDate: '2001-04-10',
      expectedExpiry: '2023-06-21',
      inventors: ['John Charles Croy'],
      assignees: ['Bluestreak.com'],
      citations: [{ number: 'US5793966A', category: 'examiner', text: 'Amstein et al.', date: '1998-08' }],
    });
    expect(r.claims.map((c) => c.dependsOn)).toEqual([[], [1]]);
    expect(r.description).toEqual([
      { id: '00002', text: 'This application claims priority to U.S. Provisional Patent Application Ser. No. 60/195,933.' },
    ]);
  });

  it('v4.2 (2006-08-23): classification-ipcr, "cited by other", non-patent literature', async () => {
    // Shape of US 7,272,630 B2 (v4.2 2006-08-23).
    const bib = `<classifications-ipcr><classification-ipcr><ipc-version-indicator><date>20060101</date></ipc-version-indicator><classification-level>A</classification-level><section>G</section><class>06</class><subclass>F</subclass><main-group>15</main-group><subgroup>13</subgroup><symbol-position>F</symbol-position><classification-value>I</classification-value></classification-ipcr></classifications-ipcr>
<references-cited>
<citation><patcit num="00001"><document-id><country>US</country><doc-number>5202982</doc-number><kind>A</kind><name>Gramlich et al.</name><date>19930400</date></document-id></patcit><category>cited by other</category></citation>
<citation><patcit num="00002"><document-id><country>EP</country><doc-number>0 774 715</doc-number><kind>A1</kind><date>19970500</date></document-id></patcit><category>cited by examiner</category></citation>
<citation><nplcit num="00003"><othercit>&#x201c;Section 4: The UNIX Shell&#x201d;, 3 pages, no date.</othercit></nplcit><category>cited by other</category></citation>
</references-cited>
<priority-claims><priority-claim sequence="01" kind="national"><country>JP</country><doc-number>2001-171234</doc-number><date>20010606</date></priority-claim></priority-claims>
<parties><applicants>
<applicant sequence="001" app-type="applicant-inventor" designation="us-only"><addressbook><last-name>Douceur</last-name><first-name>John R.</first-name></addressbook></applicant>
<applicant sequence="002" app-type="applicant-inventor" designation="us-only"><addressbook><last-name>Theimer</last-name><first-name>Marvin M.</first-name></addressbook></applicant>
</applicants></parties>
<assignees><assignee><addressbook><orgname>Microsoft Corporation</orgname><role>02</role></addressbook></assignee></assignees>`;
    const xml = grant({ number: '07272630', date: '20070918', filed: '20041118', bib }).replace(
      head('v45-2014-04-03'),
      head('v42-2006-08-23'),
    );
    const r = ok((await all(xml))[0]);
    expect(r).toMatchObject({
      number: 'US7272630B2',
      ipc: ['G06F 15/13'],
      priorityDate: '2001-06-06',
      inventors: ['John R. Douceur', 'Marvin M. Theimer'],
      assignees: ['Microsoft Corporation'],
    });
    expect(r.citations).toEqual([
      { number: 'US5202982A', category: 'other', text: 'Gramlich et al.', date: '1993-04' },
      { number: 'EP0774715A1', category: 'examiner', date: '1997-05' },
      { category: 'other', text: '\u201cSection 4: The UNIX Shell\u201d, 3 pages, no date.' },
    ]);
  });

  it('v4.5 (2014-04-03): classifications-cpc, us-parties with inventors, us-references-cited/us-citation', async () => {
    // Shape of US 8,926,509 B2 (v4.5 2014-04-03): codes cited with a citation or in the field of search are not the patent's.
    const cpc = (g: string, s: string) =>
      `<classification-cpc><cpc-version-indicator><date>20130101</date></cpc-version-indicator><section>A</section><class>61</class><subclass>B</subclass><main-group>${g}</main-group><subgroup>${s}</subgroup><symbol-position>L</symbol-position></classification-cpc>`;
    const bib = `<classifications-ipcr><classification-ipcr><section>A</section><class>61</class><subclass>B</subclass><main-group>5</main-group><subgroup>00</subgroup></classification-ipcr></classifications-ipcr>
<classifications-cpc><main-cpc>${cpc('5', '0205')}</main-cpc><further-cpc>${cpc('5', '0024')}${cpc('2560', '0209')}<combination-set><group-number>1</group-number><combination-rank><rank-number>1</rank-number>${cpc('9', '99')}</combination-rank></combination-set></further-cpc></classifications-cpc>
<us-references-cited>
<us-citation><patcit num="00001"><document-id><country>US</country><doc-number>4313443</doc-number><kind>A</kind><name>Frosch et al.</name><date>19820200</date></document-id></patcit><category>cited by applicant</category><classification-cpc-text>A61B 5/0402</classification-cpc-text></us-citation>
<us-citation><nplcit num="00131"><othercit>Montemont, G. et al in &#x201c;Experimental Comparison&#x201d;, 2002.</othercit></nplcit><category>cited by examiner</category></us-citation>
</us-references-cited>
<us-field-of-classification-search><classification-cpc-text>A61B 5/0006</classification-cpc-text></us-field-of-classification-search>
<us-related-documents><us-provisional-application><document-id><country>US</country><doc-number>60968023</doc-number><date>20070824</date></document-id></us-provisional-application></us-related-documents>
<us-parties><us-applicants><us-applicant sequence="001" app-type="applicant" designation="us-only"><addressbook><last-name>Magar</last-name><first-name>Surendar</first-name></addressbook></us-applicant></us-applicants>
<inventors><inventor sequence="001" designation="us-only"><addressbook><last-name>Magar</last-name><first-name>Surendar</first-name></addressbook></inventor><inventor sequence="002" designation="us-only"><addressbook><last-name>Niknejad</last-name><first-name>Ali</first-name></addressbook></inventor></inventors></us-parties>
<assignees><assignee><addressbook><orgname>Hmicro, Inc.</orgname><role>02</role></addressbook></assignee></assignees>`;
    const r = ok((await all(grant({ number: '08926509', filed: '20080605', bib })))[0]);
    expect(r).toMatchObject({
      cpc: ['A61B 5/0205', 'A61B 5/0024', 'A61B 2560/0209'],
      ipc: ['A61B 5/00'],
      priorityDate: '2007-08-24',
      inventors: ['Surendar Magar', 'Ali Niknejad'],
      assignees: ['Hmicro, Inc.'],
      citations: [
        { number: 'US4313443A', category: 'applicant', text: 'Frosch et al.', date: '1982-02' },
        { category: 'examiner', text: 'Montemont, G. et al in \u201cExperimental Comparison\u201d, 2002.' },
      ],
    });
  });
});
