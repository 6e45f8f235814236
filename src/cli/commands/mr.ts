import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { crosstab } from '../../core/workbenches/market-research/crosstab.js';
import { categoricalFromColumn, numericFromColumn, type ResponseTable } from '../../core/workbenches/market-research/dataset.js';
import { cronbachAlpha, nps } from '../../core/workbenches/market-research/scales.js';
import type { SingleVariable } from '../../core/workbenches/market-research/variables.js';
import { assertWeights, baseMarginsOfError, rake } from '../../core/workbenches/market-research/weighting.js';
import { toCsv } from '../../infra/files/csv-writer.js';
import { readSurveyFile } from '../../infra/files/survey.js';
import { weightingTargetsSchema } from '../../shared/contracts/market-research.js';
import { raking } from '../../shared/contracts/market-research-api.js';
import { AppError, issuesFromZod } from '../../shared/errors.js';
import { readFileBytes, readFileText } from '../files.js';
import type { CliIo } from '../io.js';

/**
 * `kpo mr …`: the market-research engine on a response file (CSV in UTF-8 or Shift_JIS, or XLSX),
 * without a codebook: a column's distinct non-empty values are its categories, empty cells and
 * `NA` are missing. The server's workbench does the same with a codebook.
 */

async function readData(path: string, sheet?: string): Promise<ResponseTable> {
  return readSurveyFile(path, readFileBytes(path, 'data file'), sheet);
}

function weightsOf(table: ResponseTable, column: string | undefined): Float64Array | null {
  if (column === undefined) return null;
  const v = numericFromColumn(table, column);
  const missing = v.values.findIndex((w) => !Number.isFinite(w));
  if (missing >= 0)
    throw new AppError('invalid_input', `--weight ${column}: line ${table.lines?.[missing] ?? missing + 2} has no weight.`, {
      reason: 'validation',
      issues: [{ path: ['weight'], code: 'required', message: 'Every respondent needs a weight above 0.' }],
    });
  assertWeights(v.values, table.rows.length);
  return v.values;
}

const fixed = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function numberOption(name: string, value: string, min: number, max: number): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x < min || x > max)
    throw new AppError('invalid_input', `${name} must be a number from ${min} to ${max}.`, { reason: 'invalid_option' });
  return x;
}

export function registerMrCommands(program: Command, io: CliIo): void {
  const mr = program.command('mr').description('market research: crosstabs with tests, weighting by raking, NPS, Cronbach’s alpha');
  const correction = new Option('--correction <method>', 'multiple-comparison correction of the column tests')
    .choices(['none', 'bonferroni', 'holm'])
    .default('bonferroni');

  mr.command('crosstab <data>')
    .description('a crosstab of two columns: counts, column %, chi-square, column-proportion tests with letters')
    .requiredOption('--row <column>', 'the column in the rows (the stub)')
    .requiredOption('--col <column>', 'the column in the columns (the banner)')
    .option('--weight <column>', "respondents' weights (numbers above 0)")
    .option('--yates', "Yates's continuity correction (2×2 tables)")
    .option('--alpha <p>', 'significance level of the column tests', '0.05')
    .addOption(correction)
    .option('--sheet <name>', 'the sheet of an .xlsx file')
    .option('--json', 'machine-readable output: {"rows", "cols", "counts", "chiSquare": {"statistic", "df", "pValue"}, "columnTests", …}')
    .action(
      async (
        file: string,
        opts: {
          row: string;
          col: string;
          weight?: string;
          yates?: boolean;
          alpha: string;
          correction: 'none' | 'bonferroni' | 'holm';
          sheet?: string;
          json?: boolean;
        },
      ) => {
        const table = await readData(file, opts.sheet);
        const stub = categoricalFromColumn(table, opts.row);
        const banner = categoricalFromColumn(table, opts.col);
        if (banner.categories.length < 2)
          throw new AppError(
            'invalid_input',
            `--col ${opts.col} has one value only (${banner.categories[0]?.value}): there is nothing to compare.`,
            {
              reason: 'single_level',
              issues: [{ path: ['col'], code: 'single_level', message: 'The banner needs at least two values.' }],
            },
          );
        const weights = weightsOf(table, opts.weight);
        const t = crosstab(stub, banner, {
          weights,
          yates: !!opts.yates,
          alpha: numberOption('--alpha', opts.alpha, 0.001, 0.2),
          correction: opts.correction,
        });
        const moe = baseMarginsOfError(weights ?? new Float64Array(table.rows.length).fill(1));
        if (opts.json) {
          io.stdout(
            `${JSON.stringify(
              {
                rows: t.rows,
                cols: t.cols,
                counts: t.counts,
                unweightedCounts: t.unweightedCounts,
                colTotals: t.colTotals,
                colPercents: t.colPercents,
                chiSquare: t.chiSquare
                  ? { statistic: t.chiSquare.statistic, df: t.chiSquare.df, pValue: t.chiSquare.pValue, yates: t.chiSquare.yates }
                  : null,
                chiSquareSkipped: t.chiSquareSkipped,
                expected: t.expected,
                fisher: t.fisher,
                columnTests: t.columnTests,
                weighted: weights !== null,
                marginOfError: moe,
              },
              null,
              2,
            )}\n`,
          );
          return;
        }
        const width = Math.max(8, ...t.rows.map((r) => [...r].length)) + 2;
        const colWidth = Math.max(10, ...t.cols.map((c) => [...c].length + 4));
        const lines: string[] = [];
        lines.push(`${opts.row} × ${opts.col}${weights ? ' (weighted)' : ''}`);
        lines.push(pad('', width) + t.cols.map((c, j) => pad(`${c} (${t.columnTests.letters[j]})`, colWidth)).join(''));
        t.rows.forEach((r, i) => {
          lines.push(
            pad(r, width) +
              t.cols.map((_, j) => pad(`${fixed(t.colPercents[i]?.[j] ?? null)}% ${t.columnTests.cells[i]?.[j] ?? ''}`, colWidth)).join(''),
          );
        });
        lines.push(pad('base', width) + t.colTotals.map((n) => pad(weights ? n.toFixed(1) : String(n), colWidth)).join(''));
        if (t.chiSquare)
          lines.push(
            `chi-square = ${t.chiSquare.statistic.toFixed(3)}, df = ${t.chiSquare.df}, p = ${t.chiSquare.pValue.toPrecision(4)}${t.chiSquare.yates ? ' (Yates)' : ''}`,
          );
        else lines.push(`chi-square: not computed (${t.chiSquareSkipped})`);
        if (t.expected?.warning)
          lines.push(`warning: ${t.expected.cellsBelow} cells have an expected count below ${t.expected.minExpected}`);
        if (t.fisher) lines.push(`Fisher's exact test (2×2): p = ${t.fisher.pValue.toPrecision(4)}`);
        lines.push(`letters: the column is higher than the lettered columns at p < ${t.columnTests.alpha} (${t.columnTests.correction})`);
        io.stdout(`${lines.join('\n')}\n`);
      },
    );

  mr.command('weight <data>')
    .description('weights by raking (iterative proportional fitting) to target margins')
    .requiredOption('--targets <file>', 'JSON: {"column": {"value": share, …}, …}, each column’s shares adding up to 1')
    .option('--out <file>', 'write the data with a weight column as CSV (UTF-8 with BOM, as Excel opens it)')
    .option(
      '--trim <min,max>',
      'keep weights within these multiples of the mean weight, or "none"',
      `${raking.trim.min},${raking.trim.max}`,
    )
    .option('--max-iterations <n>', 'give up after this many cycles', String(raking.maxIterations.default))
    .option('--sheet <name>', 'the sheet of an .xlsx file')
    .option('--json', 'machine-readable report')
    .action(
      async (
        file: string,
        opts: { targets: string; out?: string; trim: string; maxIterations: string; sheet?: string; json?: boolean },
      ) => {
        const table = await readData(file, opts.sheet);
        let raw: unknown;
        try {
          raw = JSON.parse(readFileText(opts.targets, 'targets file'));
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw new AppError('invalid_input', `${opts.targets} is not valid JSON: ${(e as Error).message}`, { reason: 'invalid_json' });
        }
        const parsed = weightingTargetsSchema.safeParse(raw);
        if (!parsed.success)
          throw new AppError('invalid_input', `${opts.targets}: targets are {"column": {"value": share}} with shares from 0 to 1.`, {
            reason: 'bad_targets',
            issues: issuesFromZod(parsed.error),
          });
        const variables: SingleVariable[] = Object.keys(parsed.data).map((column) => categoricalFromColumn(table, column));
        let trim: { min: number; max: number } | undefined;
        if (opts.trim !== 'none') {
          const [min, max] = opts.trim.split(',').map(Number);
          if (min === undefined || max === undefined || !(min >= 0 && min <= 1 && max >= 1 && max <= 100))
            throw new AppError('invalid_input', '--trim is "min,max" with 0 ≤ min ≤ 1 ≤ max ≤ 100, or "none".', {
              reason: 'invalid_option',
            });
          trim = { min, max };
        }
        const maxIterations = numberOption('--max-iterations', opts.maxIterations, 1, raking.maxIterations.max);
        const result = rake(variables, parsed.data, { maxIterations, ...(trim ? { trim } : {}) });
        if (opts.out) {
          const header = [...table.header, 'weight'];
          const rows = table.rows.map((row, r) => [...row, String(result.weights[r])]);
          try {
            writeFileSync(opts.out, `\uFEFF${toCsv(header, rows)}`);
          } catch (e) {
            throw new AppError('invalid_input', `Cannot write ${opts.out}: ${(e as Error).message}`, { reason: 'file_unwritable' });
          }
        }
        const report = {
          converged: result.converged,
          iterations: result.iterations,
          maxMarginError: result.maxMarginError,
          respondents: table.rows.length,
          effectiveN: result.effectiveN,
          efficiency: result.efficiency,
          designEffect: result.designEffect,
          trimmed: result.trimmed,
          margins: result.margins,
        };
        if (opts.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const lines = [
            `${result.converged ? 'converged' : 'NOT converged'} after ${result.iterations} iterations (largest gap ${(result.maxMarginError * 100).toFixed(4)} points)`,
            `effective n = ${result.effectiveN.toFixed(1)} of ${table.rows.length} (efficiency ${(result.efficiency * 100).toFixed(1)}%, design effect ${result.designEffect.toFixed(3)}); ${result.trimmed} weights trimmed`,
            ...result.margins.map(
              (m) =>
                `  ${m.variable} = ${m.label}: target ${(m.target * 100).toFixed(1)}%, sample ${(m.unweighted * 100).toFixed(1)}%, weighted ${(m.achieved * 100).toFixed(1)}%`,
            ),
          ];
          if (opts.out) lines.push(`weights written to ${opts.out}`);
          io.stdout(`${lines.join('\n')}\n`);
        }
        if (!result.converged)
          throw new AppError('invalid_input', 'Raking did not converge: loosen --trim, raise --max-iterations or check the targets.', {
            reason: 'raking_not_converged',
          });
      },
    );

  mr.command('nps <data>')
    .description('Net Promoter Score of a 0–10 column, with its confidence interval')
    .requiredOption('--q <column>', 'the 0–10 column')
    .option('--weight <column>', "respondents' weights")
    .option('--sheet <name>', 'the sheet of an .xlsx file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { q: string; weight?: string; sheet?: string; json?: boolean }) => {
      const table = await readData(file, opts.sheet);
      const r = nps(numericFromColumn(table, opts.q).values, weightsOf(table, opts.weight));
      if (opts.json) io.stdout(`${JSON.stringify(r, null, 2)}\n`);
      else if (r.score === null || !r.ci) io.stdout(`NPS: no answers in ${opts.q}\n`);
      else {
        const pct = (x: number | null) => fixed(x === null ? null : x * 100);
        io.stdout(
          `NPS = ${fixed(r.score)} (${Math.round(r.ci.level * 100)}% CI ${fixed(r.ci.low)} to ${fixed(r.ci.high)}), n = ${r.n}: ` +
            `promoters ${pct(r.promoters)}%, passives ${pct(r.passives)}%, detractors ${pct(r.detractors)}%\n`,
        );
      }
    });

  mr.command('alpha <data>')
    .description("Cronbach's alpha of Likert items, reverse-keyed items reversed")
    .requiredOption('--items <columns>', 'the items, comma-separated')
    .option('--reverse <columns>', 'reverse-keyed items among them, comma-separated')
    .option('--sheet <name>', 'the sheet of an .xlsx file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { items: string; reverse?: string; sheet?: string; json?: boolean }) => {
      const table = await readData(file, opts.sheet);
      const items = parseList(opts.items);
      const reversed = parseList(opts.reverse ?? '');
      const strays = reversed.filter((c) => !items.includes(c));
      if (strays.length > 0)
        throw new AppError('invalid_input', `--reverse names columns not in --items: ${strays.join(', ')}.`, { reason: 'invalid_option' });
      const r = cronbachAlpha(
        items.map((c) => numericFromColumn(table, c).values),
        { reverse: items.map((c) => reversed.includes(c)) },
      );
      if (opts.json) io.stdout(`${JSON.stringify({ ...r, itemNames: items }, null, 2)}\n`);
      else {
        const lines = [
          `alpha = ${fixed(r.alpha, 3)} (standardized ${fixed(r.standardizedAlpha, 3)}), ${r.items} items, n = ${r.n} complete cases`,
        ];
        r.itemTotal.forEach((s, i) => {
          lines.push(
            `  ${items[i]}${reversed.includes(items[i] ?? '') ? ' (reversed)' : ''}: item-total r = ${fixed(s.correctedItemTotalCorrelation, 3)}, alpha if dropped = ${fixed(s.alphaIfDeleted, 3)}`,
          );
        });
        io.stdout(`${lines.join('\n')}\n`);
      }
    });
}
