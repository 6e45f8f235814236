import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { adjustmentsModel } from '../../core/workbenches/financial-modeling/capitalization.fixture.js';
import { salesToCapitalModel, valueDriverModel } from '../../core/workbenches/financial-modeling/fixtures.js';
import { parseFinancialModel, valueModel } from '../../core/workbenches/financial-modeling/model.js';
import { type CliIo, runCli } from '../main.js';
import { displayWidth, fmtNumber, priceComparison } from './fm.js';

const V1 = new URL('../../../docs/examples/fm-project-sakura-v1.json', import.meta.url).pathname;
const V2 = new URL('../../../docs/examples/fm-project-sakura-v2.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kpo-fm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function kpo(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary (also invalid) values into the JSON
function writeModel(name: string, edit: (m: any) => void): string {
  const m = JSON.parse(readFileSync(V1, 'utf8'));
  edit(m);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(m));
  return path;
}

const engine = valueModel(parseFinancialModel(JSON.parse(readFileSync(V1, 'utf8')))).valuation;

describe('kpo fm value', () => {
  it('without an exit multiple: one column, "exit multiple not given", the same value; the exports are written', async () => {
    const path = writeModel('no-multiple.json', (m) => {
      delete m.valuation.terminalValue.exitMultiple;
    });
    const r = await kpo('fm', 'value', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('exit multiple not given');
    expect(r.stdout).not.toContain('Exit multiple');
    expect(r.stdout).not.toContain('exit multiple ≙ growth');
    expect(r.stdout).toContain(fmtNumber(engine.valuePerShare, 0));
    const withMultiple = await kpo('fm', 'value', V1);
    expect(withMultiple.stdout).toContain('Exit multiple');
    const xlsx = join(dir, 'no-multiple.xlsx');
    const pdf = join(dir, 'no-multiple.pdf');
    expect((await kpo('fm', 'export', path, '--xlsx', xlsx, '--pdf', pdf)).code).toBe(0);
    expect((await PDFDocument.load(readFileSync(pdf))).getPageCount()).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.length).toBeGreaterThan(5);
  });

  it('prints the projections, both terminal values and the value per share', async () => {
    const r = await kpo('fm', 'value', V1);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Project Sakura (v1) — base case — JPY millions');
    expect(r.stdout).toMatch(/Value per share\s+2,981\s+2,963/);
    expect(r.stdout).toContain('Headline (Gordon growth)');
    expect(r.stdout).toMatch(/EV\/EBITDA\s+8\.0x \/ 8\.4x \/ 8\.6x \(n=7\)/);
    expect(r.stdout).toContain('Accretion/dilution at 3,300 a share');
  });

  it('says "below" the share price when the value is below it, and never prints "-0.0"', async () => {
    expect(priceComparison('12.00', -0.23)).toBe('Share price 12.00: value per share is 23.0% below it');
    expect(priceComparison('12.00', 0.123)).toBe('Share price 12.00: value per share is 12.3% above it');
    expect(priceComparison('12.00', -0.00001)).toBe('Share price 12.00: value per share is at it');
    expect(fmtNumber(-0, 1)).toBe('0.0');
    expect(fmtNumber(-0.04, 1)).toBe('0.0');
    expect(fmtNumber(-0.06, 1)).toBe('-0.1');
    const below = writeModel('below.json', (m) => {
      m.market.sharePrice = 5000;
    });
    const r = await kpo('fm', 'value', below);
    expect(r.stdout).toMatch(/value per share is \d+\.\d% below it/);
    expect(r.stdout).not.toMatch(/-\d+\.\d% above/);
    const noDebt = writeModel('no-debt.json', (m) => {
      m.meta.currency = 'USD';
      m.bridge.debt = 0;
    });
    const lines = (await kpo('fm', 'value', noDebt)).stdout.split('\n');
    expect(lines.find((l) => l.startsWith('Less debt'))).toMatch(/^Less debt\s+0\.0\s+0\.0$/);
  });

  it('prints WACC by year, the value-driver terminal value and the tax losses', async () => {
    const path = join(dir, 'value-drivers.json');
    writeFileSync(path, JSON.stringify(valueDriverModel()));
    const r = await kpo('fm', 'value', path);
    expect(r.code).toBe(0);
    const v = valueModel(parseFinancialModel(valueDriverModel())).valuation;
    expect(r.stdout).toContain(`WACC by year: 10.68% in 2026 to 8.63% in 2031; terminal cost of capital 8.63%`);
    expect(r.stdout).toMatch(/^WACC\s+10\.68%\s+10\.76%\s+10\.84%\s+10\.37%\s+9\.50%\s+8\.63%$/m);
    expect(r.stdout).toMatch(/^Tax losses carried forward\s+168\.0\s+140\.4\s+16\.8\s+0\.0\s+0\.0\s+0\.0$/m);
    expect(r.stdout).toContain('RONIC 12.00%, reinvestment rate 20.83% (g/RONIC)');
    expect(r.stdout).toContain('Headline (value driver)');
    expect(r.stdout).toMatch(new RegExp(`^Value per share\\s+${v.gordon.valuePerShare.toFixed(2)}\\s`, 'm'));
  });

  it('prints the sales-to-capital reinvestment, invested capital, ROIC and the EBIT margin of a model based on EBIT', async () => {
    const input = salesToCapitalModel();
    input.forecast.operatingMargin = [0.01, 0.02, 0.08, 0.12, 0.14, 0.14];
    delete input.forecast.ebitdaMargin;
    delete input.forecast.depreciationPercentOfRevenue;
    const path = join(dir, 'sales-to-capital.json');
    writeFileSync(path, JSON.stringify(input));
    const r = await kpo('fm', 'value', path);
    expect(r.code).toBe(0);
    const p = valueModel(parseFinancialModel(input)).valuation.projection;
    expect(r.stdout).toMatch(/^Sales to capital\s+1\.50\s+1\.50\s+1\.80\s+2\.00\s+2\.00\s+2\.20$/m);
    expect(r.stdout).toMatch(/^EBIT margin\s+1\.00%\s+2\.00%\s+8\.00%\s+12\.00%\s+14\.00%\s+14\.00%$/m);
    expect(r.stdout).toMatch(new RegExp(`^Reinvestment\\s+${(p.salesToCapital?.reinvestment[0] ?? 0).toFixed(1)}\\s`, 'm'));
    expect(r.stdout).toMatch(/^ROIC\s+/m);
    expect(r.stdout).toContain('Invested capital (end)');
  });

  it('prints the failure weighting, the new bridge items, the research asset and the lease debt', async () => {
    const path = join(dir, 'adjustments.json');
    writeFileSync(path, JSON.stringify(adjustmentsModel()));
    const v = valueModel(parseFinancialModel(adjustmentsModel())).valuation;
    const r = await kpo('fm', 'value', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Distress proceeds \(50\.0% of book value of capital\) +493\.9/);
    expect(r.stdout).toMatch(/Operating assets, 10\.0% probability of failure +1,628\.8/);
    expect(r.stdout).toMatch(/Listed affiliates +45\.0/);
    expect(r.stdout).toMatch(/Lease debt \(operating leases\) +-207\.7/);
    expect(r.stdout).toContain(`research asset ${v.capitalization?.researchAndDevelopment?.base.asset.toFixed(1)}`);
    expect(r.stdout).toContain('Operating leases as debt: 207.7 at 6.00% (5 years listed + 3 of the lump sum)');
  });

  it('--json gives the engine’s numbers', async () => {
    const r = await kpo('fm', 'value', V1, '--json');
    const out = JSON.parse(r.stdout);
    expect(out.valuation.valuePerShare).toBe(engine.valuePerShare);
    expect(out.valuation.projection.freeCashFlow).toEqual(engine.projection.freeCashFlow);
    expect(out.comparables.multiples.priceToEarnings.excluded).toHaveLength(1);
  });

  it('--scenario values a scenario; an unknown one is refused with the choices', async () => {
    const bear = JSON.parse((await kpo('fm', 'value', V1, '--scenario', 'bear', '--json')).stdout);
    expect(bear.valuation.scenario).toBe('bear');
    expect(bear.valuation.valuePerShare).toBeLessThan(engine.valuePerShare);
    const r = await kpo('fm', 'value', V1, '--scenario', 'moon');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Scenarios: base, bull, bear');
  });

  it('names every invalid field of a bad model and exits 2', async () => {
    const bad = writeModel('bad.json', (m) => {
      m.forecast.revenueGrowth[0] = '5%';
      m.forecast.taxRate = [0.3, 0.3];
      m.historicals.splice(1, 1);
      m.shares.basic = -1;
    });
    const r = await kpo('fm', 'value', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('The financial model is not valid (4 problems)');
    expect(r.stderr).toContain('forecast.revenueGrowth.0: Must be a finite number, got the text "5%".');
    expect(r.stderr).toContain('forecast.taxRate: Needs 5 values');
    expect(r.stderr).toContain('historicals.1.year: Missing historical year 2022');
    expect(r.stderr).toContain('shares.basic: Must be greater than 0.');
  });

  it('refuses terminal growth at or above WACC, naming the field', async () => {
    const r = await kpo(
      'fm',
      'value',
      writeModel('g.json', (m) => (m.valuation.terminalValue.growthRate = 0.07)),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('valuation.terminalValue.growthRate: Terminal growth (7.00%) must be below WACC (6.78%)');
  });

  it('explains JSON that is not JSON, and a file that is not there', async () => {
    const path = join(dir, 'nan.json');
    writeFileSync(path, '{"schemaVersion": 1, "meta": NaN}');
    const r = await kpo('fm', 'value', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nan\.json is not valid JSON.*JSON has no NaN or Infinity/);
    const missing = await kpo('fm', 'value', join(dir, 'nowhere.json'));
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('No model file at');
  });
});

describe('kpo fm sensitivity and tornado', () => {
  it('a 21×21 grid by default, centred on the value', async () => {
    const r = await kpo('fm', 'sensitivity', V1, '--x', 'terminalGrowth', '--y', 'wacc', '--json');
    expect(r.code).toBe(0);
    const grid = JSON.parse(r.stdout);
    expect(grid.valuePerShare).toHaveLength(21);
    expect(grid.valuePerShare[10]).toHaveLength(21);
    expect(grid.valuePerShare[10][10]).toBeCloseTo(engine.valuePerShare, 9);
  });

  it('prints a readable grid with custom steps', async () => {
    const r = await kpo('fm', 'sensitivity', V1, '--x', 'exitMultiple', '--y', 'wacc', '--steps', '5', '--x-step', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Value per share (exit multiple, base case)');
    expect(r.stdout).toMatch(/wacc \\ exitMultiple\s+6\.0x\s+7\.0x\s+8\.0x\s+9\.0x\s+10\.0x/);
    expect(r.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('names a bad option', async () => {
    const r = await kpo('fm', 'sensitivity', V1, '--x', 'wac', '--y', 'wacc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--x must be one of: wacc, terminalGrowth');
    const steps = await kpo('fm', 'sensitivity', V1, '--x', 'beta', '--y', 'wacc', '--steps', 'many');
    expect(steps.code).toBe(2);
    expect(steps.stderr).toContain('--steps must be a whole number; got "many"');
    const missing = await kpo('fm', 'sensitivity', V1, '--x', 'beta');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--y <input>' not specified");
  });

  it('tornado lists every input with its swing, largest first', async () => {
    const t = JSON.parse((await kpo('fm', 'tornado', V1, '--json')).stdout);
    expect(t.bars).toHaveLength(15);
    expect(t.bars[0].swing).toBeGreaterThanOrEqual(t.bars[14].swing);
  });
});

describe('kpo fm check and bridge', () => {
  it('the demo passes with warnings (exit 0)', async () => {
    const r = await kpo('fm', 'check', V1);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('13 pass, 2 warn, 0 fail');
    expect(r.stdout).toContain('sources.sizePremium');
  });

  it('a failing check exits 2 after printing the report, naming the field', async () => {
    const path = writeModel('unbalanced.json', (m) => (m.historicals[2].balanceSheet.equity += 1000));
    const r = await kpo('fm', 'check', path, '--json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('fail');
    expect(r.stderr).toContain('1 check failed');
    expect(r.stderr).toContain('historicals.2.balanceSheet: 2023年度の貸借対照表が一致しません');
  });

  it('bridge shows each changed input and its effect on value per share', async () => {
    const r = await kpo('fm', 'bridge', V1, V2);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Value per share: v1 2,981 → v2 2,779 \(−202\)/);
    expect(r.stdout).toMatch(/wacc\.riskFreeRate\s+−147\s+wacc\.riskFreeRate 0\.011 → 0\.015/);
    expect(r.stdout).toContain('No effect on value: meta.notes');
  });
});

describe('kpo fm export', () => {
  it('writes the workbook and the PDF', async () => {
    const xlsx = join(dir, 'sakura.xlsx');
    const pdf = join(dir, 'sakura.pdf');
    const r = await kpo('fm', 'export', V1, '--xlsx', xlsx, '--pdf', pdf);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote .*sakura\.xlsx \(xlsx, \d+ KB, \d+ formulas\)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('DCF')).toBeTruthy();
    expect((await PDFDocument.load(readFileSync(pdf))).getTitle()).toContain('Project Sakura');
  });

  it('needs a target, and says when it cannot write', async () => {
    expect((await kpo('fm', 'export', V1)).stderr).toContain('Give --xlsx FILE, --pdf FILE or both.');
    const r = await kpo('fm', 'export', V1, '--pdf', join(dir, 'no', 'such', 'dir.pdf'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot write');
  });
});

describe('kpo fm import', () => {
  it('suggests a mapping, then applies the corrected one', async () => {
    const csv = join(dir, 'pl.csv');
    writeFileSync(
      csv,
      ['科目,2023年3月期,2024年3月期', '売上高,"1,000","1,100"', '営業利益,100,120', '減価償却費,30,33', 'その他,1,2'].join('\n'),
    );
    const step1 = await kpo('fm', 'import', csv);
    expect(step1.code).toBe(0);
    const mapping = JSON.parse(step1.stdout);
    expect(mapping.lines).toEqual({
      売上高: 'incomeStatement.revenue',
      営業利益: 'incomeStatement.operatingIncome',
      減価償却費: 'incomeStatement.depreciationAmortization',
    });
    expect(step1.stderr).toContain('2023年3月期→2022');
    const mapPath = join(dir, 'map.json');
    writeFileSync(mapPath, JSON.stringify(mapping));
    const step2 = await kpo('fm', 'import', csv, '--map', mapPath);
    expect(step2.code).toBe(0);
    expect(JSON.parse(step2.stdout).map((h: { year: number }) => h.year)).toEqual([2022, 2023]);
    expect(step2.stderr).toContain('Left out (not in the mapping): その他');
  });
});

describe('displayWidth', () => {
  it('counts Japanese characters as two columns', () => {
    expect(displayWidth('EBITDA')).toBe(6);
    expect(displayWidth('非支配株主持分')).toBe(14);
    expect(displayWidth('（税効果後）')).toBe(12);
  });
});
