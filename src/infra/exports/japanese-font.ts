import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { padTrueTypeGlyphs } from './ttf-pad.js';

/**
 * Noto Sans JP for every PDF kpo writes (the standard PDF fonts cannot encode Japanese): read
 * once per process and padded (ttf-pad.ts says why); callers embed it subset to what they draw.
 */
const require = createRequire(import.meta.url);
let fontBytes: Uint8Array | null = null;

export function notoSansJpPath(): string {
  return require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
}

export function notoSansJp(): Uint8Array {
  fontBytes ??= padTrueTypeGlyphs(new Uint8Array(readFileSync(notoSansJpPath())));
  return fontBytes;
}
