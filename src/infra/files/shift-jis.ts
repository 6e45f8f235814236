let sjisTable: Map<string, number> | null = null;

/** Node decodes Shift_JIS but cannot encode it: the table is the decoder run backwards over every double-byte code. */
function shiftJisTable(): Map<string, number> {
  if (sjisTable) return sjisTable;
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  sjisTable = table;
  return table;
}

/** Text in Shift_JIS (code page 932), as Excel in Japan saves CSV; "?" for what the code page cannot hold. */
export function encodeShiftJis(text: string): Uint8Array {
  const table = shiftJisTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const sj = table.get(ch) ?? 0x3f;
      if (sj > 0xff) out.push(sj >> 8);
      out.push(sj & 0xff);
    }
  }
  return Uint8Array.from(out);
}
