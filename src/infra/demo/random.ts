/** The demo data's seeded generator: the same numbers on every machine, so the demo is the same everywhere. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** A whole number in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  /** Standard normal. */
  normal(): number;
  pick<T>(items: readonly T[]): T;
  /** An index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number;
}

/** mulberry32 (Tommy Ettinger's 32-bit generator): small, fast and the same on every platform. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    // Box–Muller; 1 − u keeps the logarithm's argument above 0.
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pick: <T>(items: readonly T[]) => items[int(items.length)] as T,
    weighted: (weights) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let u = next() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i] as number;
        if (u < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
