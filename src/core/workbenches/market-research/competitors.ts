import {
  type CellValue,
  type CompetitorFeature,
  type CompetitorMatrix,
  type CompetitorMatrixInput,
  competitorMatrixSchema,
} from '../../../shared/contracts/market-sizing.js';
import { AppError, type Issue, issuesFromZod } from '../../../shared/errors.js';

/**
 * The competitor matrix: who offers which feature at what price, the positioning map drawn from two
 * chosen dimensions, and the coverage summary a report quotes (who has most, what nobody offers).
 */

function badMatrix(issues: Issue[], message = 'The competitor matrix is not valid.'): AppError {
  return new AppError('invalid_input', message, { reason: 'bad_competitors', issues });
}

/** Parses the matrix, refusing it with every problem listed (duplicate keys, unknown references, values of the wrong kind). */
export function parseCompetitorMatrix(input: CompetitorMatrixInput | CompetitorMatrix): CompetitorMatrix {
  const result = competitorMatrixSchema.safeParse(input);
  if (!result.success) throw badMatrix(issuesFromZod(result.error, input));
  return result.data;
}

/** Looks a cell's value up by competitor and feature; undefined when nobody filled it in (unknown, not "no"). */
function cellLookup(matrix: CompetitorMatrix): (competitor: string, feature: string) => CellValue | undefined {
  const byFeature = new Map<string, Map<string, CellValue>>();
  for (const cell of matrix.cells) {
    const values = byFeature.get(cell.feature) ?? new Map<string, CellValue>();
    byFeature.set(cell.feature, values);
    values.set(cell.competitor, cell.value);
  }
  return (competitor, feature) => byFeature.get(feature)?.get(competitor);
}

// ---------- positioning map ----------

export interface PositioningAxis {
  feature: string;
  label: string;
  kind: 'level' | 'number';
  /** The number feature's unit; null for a level (0 none … 3 best). */
  unit: string | null;
}

export interface PositioningPoint {
  competitor: string;
  name: string;
  x: number;
  y: number;
}

export interface PositioningMap {
  x: PositioningAxis;
  y: PositioningAxis;
  points: PositioningPoint[];
  /** Competitors without a value on an axis: listed, never plotted as 0. */
  missing: { competitor: string; name: string; axes: ('x' | 'y')[] }[];
}

function axisOf(matrix: CompetitorMatrix, feature: string, field: 'xFeature' | 'yFeature', issues: Issue[]): PositioningAxis | null {
  const found: CompetitorFeature | undefined = matrix.features.find((f) => f.key === feature);
  if (!found) {
    issues.push({ path: [field], code: 'unknown_key', message: `No feature has the key "${feature}".`, params: { key: feature } });
    return null;
  }
  if (found.kind !== 'level' && found.kind !== 'number') {
    issues.push({
      path: [field],
      code: 'not_numeric_feature',
      message: `"${feature}" is a ${found.kind} feature; a positioning map needs a level or number feature.`,
      params: { key: feature, kind: found.kind },
    });
    return null;
  }
  return { feature: found.key, label: found.label, kind: found.kind, unit: found.kind === 'number' ? found.unit : null };
}

/**
 * Places every competitor on two level or number features. Throws invalid_input naming each
 * chosen feature that is unknown or not numeric.
 */
export function positioningMap(input: CompetitorMatrixInput | CompetitorMatrix, xFeature: string, yFeature: string): PositioningMap {
  const matrix = parseCompetitorMatrix(input);
  const issues: Issue[] = [];
  const x = axisOf(matrix, xFeature, 'xFeature', issues);
  const y = axisOf(matrix, yFeature, 'yFeature', issues);
  if (!x || !y) throw badMatrix(issues, 'A positioning map needs two level or number features of the matrix.');
  const cellValue = cellLookup(matrix);
  const numberAt = (competitor: string, feature: string) => {
    const v = cellValue(competitor, feature);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const points: PositioningPoint[] = [];
  const missing: PositioningMap['missing'] = [];
  for (const c of matrix.competitors) {
    const px = numberAt(c.key, x.feature);
    const py = numberAt(c.key, y.feature);
    if (px !== null && py !== null) points.push({ competitor: c.key, name: c.name, x: px, y: py });
    else
      missing.push({
        competitor: c.key,
        name: c.name,
        axes: [...(px === null ? ['x' as const] : []), ...(py === null ? ['y' as const] : [])],
      });
  }
  return { x, y, points, missing };
}

// ---------- coverage ----------

export interface CompetitorCoverage {
  competitor: string;
  name: string;
  /** Features it has: a boolean true or a level of partial or more. */
  covered: number;
  /** Features with no value for it. */
  unknown: number;
  /** covered over the boolean and level features; null when the matrix has none. */
  share: number | null;
}

export interface CoverageSummary {
  /** How many features say whether a competitor has something (boolean and level features). */
  features: number;
  /** In the matrix's order. */
  competitors: CompetitorCoverage[];
  /** Features no competitor is known to have; `unknown` says how many competitors have no value for it. */
  whiteSpace: { feature: string; label: string; unknown: number }[];
}

const isCovered = (value: CellValue | undefined) => value === true || (typeof value === 'number' && value >= 1);

/** Who covers how many of the has-or-has-not features, and the features nobody covers (white space). */
export function coverageSummary(input: CompetitorMatrixInput | CompetitorMatrix): CoverageSummary {
  const matrix = parseCompetitorMatrix(input);
  const cellValue = cellLookup(matrix);
  const features = matrix.features.filter((f) => f.kind === 'boolean' || f.kind === 'level');
  const competitors = matrix.competitors.map((c) => {
    const covered = features.filter((f) => isCovered(cellValue(c.key, f.key))).length;
    const unknown = features.filter((f) => cellValue(c.key, f.key) === undefined).length;
    return { competitor: c.key, name: c.name, covered, unknown, share: features.length === 0 ? null : covered / features.length };
  });
  const whiteSpace = features
    .filter((f) => !matrix.competitors.some((c) => isCovered(cellValue(c.key, f.key))))
    .map((f) => ({
      feature: f.key,
      label: f.label,
      unknown: matrix.competitors.filter((c) => cellValue(c.key, f.key) === undefined).length,
    }));
  return { features: features.length, competitors, whiteSpace };
}
