import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Recalculating spreadsheets with LibreOffice (headless), to prove an export's formulas give the
 * engine's values. A private profile per run, set to recalculate every formula on load, so the
 * user's LibreOffice settings and a running instance play no part.
 */

export function findSoffice(env: Record<string, string | undefined> = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Converts (and so recalculates) the files into `outDir` with one LibreOffice run; returns the output paths. */
export async function convertWithLibreOffice(
  soffice: string,
  inputs: string[],
  outDir: string,
  options: { format?: string; timeoutMs?: number } = {},
): Promise<string[]> {
  const format = options.format ?? 'xlsx';
  const profile = mkdtempSync(join(tmpdir(), 'kpo-lo-profile-'));
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  mkdirSync(outDir, { recursive: true });
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--norestore',
          '--nologo',
          '--convert-to',
          format,
          '--outdir',
          outDir,
          ...inputs,
        ],
        { timeout: options.timeoutMs ?? 180_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(`LibreOffice failed: ${error.message}\n${stderr}`)) : resolve()),
      );
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const outputs = inputs.map((input) =>
    join(
      outDir,
      `${input
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.[^.]+$/, '')}.${format.split(':')[0]}`,
    ),
  );
  const missing = outputs.filter((o) => !existsSync(o));
  if (missing.length) throw new Error(`LibreOffice did not write ${missing.join(', ')}`);
  return outputs;
}
