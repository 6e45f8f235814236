import type { AlphaResult } from '../../../shared/contracts/deliverables';

/** Alpha as people read it: two decimals, or null when there is nothing to measure. */
export const alphaValue = (r: Pick<AlphaResult, 'alpha'>): string | null => (r.alpha === null ? null : r.alpha.toFixed(2));

/** How much an alpha can be trusted (Krippendorff's own lines): reliable from 0.8, tentative from 0.667, else doubtful. */
export function alphaReading(alpha: number | null): 'reliable' | 'tentative' | 'doubtful' | 'none' {
  if (alpha === null) return 'none';
  if (alpha >= 0.8) return 'reliable';
  if (alpha >= 0.667) return 'tentative';
  return 'doubtful';
}
