/**
 * A survey response file for the crosstab-deck benchmark, generated from a seed (no Math.random):
 * `id`, 50 banner columns B01…B50 (2–8 levels), 10 stub questions Q01…Q10 (single choice, 3–11
 * levels) and a weight `w`. Four latent traits per respondent drive most banners and stubs, with
 * loadings from none to strong, so some tables are independent and others very significant.
 * Some cells are missing (empty or `NA`), one stub is routed (asked of B01 = 1 only), and the weight
 * is raking-like: the product of per-level adjustments on three demographic banners, with noise,
 * trimmed to [0.2, 5] and scaled to a mean of 1.
 *
 * `node --import tsx bench/market-research/generate.ts OUT.csv [--respondents N] [--seed S]`
 */
import { writeFileSync } from 'node:fs';

export interface Layout {
  banners: { name: string; levels: number }[];
  stubs: { name: string; levels: number }[];
  weight: string;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32: uniform in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A standard normal draw (Box–Muller; one of the pair is used, which keeps the stream simple). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Φ⁻¹(p) by Acklam's rational approximation (≈1e−9): only used to place cut points. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

const LATENT = 4;

interface Column {
  name: string;
  levels: number;
  /** Loadings on the latent traits; the rest of the variance is the column's own noise. */
  loadings: number[];
  /** Cut points on the standard normal scale, levels − 1 of them. */
  cuts: number[];
  /** Level codes in cut order: ordinal columns keep 1…k, nominal ones are shuffled. */
  codes: number[];
  /** Share of cells left empty or NA. */
  missing: number;
}

function column(random: () => number, name: string, levels: number, missing: number): Column {
  // Level shares of at least 3 %: a random split of the remaining mass.
  const raw = Array.from({ length: levels }, () => 0.3 + random());
  const sum = raw.reduce((s, x) => s + x, 0);
  const shares = raw.map((x) => 0.03 + (x / sum) * (1 - 0.03 * levels));
  const cuts: number[] = [];
  let cumulative = 0;
  for (let i = 0; i < levels - 1; i++) {
    cumulative += shares[i] as number;
    cuts.push(normalQuantile(cumulative));
  }
  // A third of the columns are independent of everything; the rest load on one or two traits.
  const loadings = new Array<number>(LATENT).fill(0);
  const kind = random();
  if (kind >= 1 / 3) {
    loadings[Math.floor(random() * LATENT)] = 0.1 + 0.6 * random();
    if (kind > 0.75) loadings[Math.floor(random() * LATENT)] = 0.1 + 0.4 * random();
  }
  const codes = Array.from({ length: levels }, (_, i) => i + 1);
  if (random() < 0.4)
    for (let i = levels - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [codes[i], codes[j]] = [codes[j] as number, codes[i] as number];
    }
  return { name, levels, loadings, cuts, codes, missing };
}

function draw(col: Column, latent: Float64Array, random: () => number): number {
  let x = 0;
  let loaded = 0;
  for (let k = 0; k < LATENT; k++) {
    const l = col.loadings[k] as number;
    x += l * (latent[k] as number);
    loaded += l * l;
  }
  x += Math.sqrt(Math.max(0.05, 1 - loaded)) * normal(random);
  let level = 0;
  while (level < col.cuts.length && x > (col.cuts[level] as number)) level++;
  return col.codes[level] as number;
}

/** The CSV text and its layout. Same seed, same bytes. */
export function generate(respondents = 100_000, seed = 20261205): { csv: string; layout: Layout } {
  const random = prng(seed);
  const banners = Array.from({ length: 50 }, (_, i) =>
    column(random, `B${String(i + 1).padStart(2, '0')}`, 2 + Math.floor(random() * 7), i >= 40 ? 0.01 + 0.04 * random() : 0),
  );
  const stubs = Array.from({ length: 10 }, (_, i) =>
    column(random, `Q${String(i + 1).padStart(2, '0')}`, 3 + Math.floor(random() * 9), 0.02),
  );
  // Stubs load more strongly so most of the deck has something to find.
  for (const s of stubs) if (Math.max(...s.loadings) === 0 && random() < 0.5) s.loadings[Math.floor(random() * LATENT)] = 0.3;
  // Raking-like weights on B01–B03: each level's target share over its sample share.
  const adjust = banners.slice(0, 3).map((b) => Array.from({ length: b.levels + 1 }, () => 0.6 + random()));
  const routed = 8; // Q09 is asked only of B01 = 1.

  const header = ['id', ...banners.map((b) => b.name), ...stubs.map((s) => s.name), 'w'];
  const lines: string[] = [header.join(',')];
  const latent = new Float64Array(LATENT);
  const raw = new Float64Array(respondents);
  const cells: string[][] = [];
  for (let r = 0; r < respondents; r++) {
    for (let k = 0; k < LATENT; k++) latent[k] = normal(random);
    const row: string[] = [String(r + 1)];
    let w = Math.exp(0.25 * normal(random));
    banners.forEach((b, i) => {
      const code = draw(b, latent, random);
      if (i < 3) w *= (adjust[i] as number[])[code] as number;
      row.push(b.missing > 0 && random() < b.missing ? (random() < 0.5 ? '' : 'NA') : String(code));
    });
    const b01 = row[1];
    stubs.forEach((s, i) => {
      const code = draw(s, latent, random);
      const asked = i !== routed || b01 === '1';
      row.push(asked && random() >= s.missing ? String(code) : '');
    });
    raw[r] = Math.min(5, Math.max(0.2, w));
    cells.push(row);
  }
  let mean = 0;
  for (const w of raw) mean += w;
  mean /= respondents;
  cells.forEach((row, r) => {
    row.push(((raw[r] as number) / mean).toFixed(6));
    lines.push(row.join(','));
  });
  return {
    csv: `${lines.join('\n')}\n`,
    layout: {
      banners: banners.map((b) => ({ name: b.name, levels: b.levels })),
      stubs: stubs.map((s) => ({ name: s.name, levels: s.levels })),
      weight: 'w',
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const out = process.argv[2];
  if (!out || out.startsWith('--')) throw new Error('usage: generate.ts OUT.csv [--respondents N] [--seed S]');
  const { csv } = generate(arg('--respondents', 100_000), arg('--seed', 20261205));
  writeFileSync(out, csv);
  console.log(`${out}: ${(csv.length / 1e6).toFixed(1)} MB`);
}
