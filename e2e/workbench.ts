import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FinancialModel } from '../src/shared/contracts/financial-model.js';
import type { ModelDetail } from '../src/shared/contracts/financial-model-api.js';
import { ANALYST, engagementInProgress } from './api.js';
import { openPage, signInQuickly } from './support.js';

/** The Project Sakura model of docs/examples, the starting point of the workbench journeys. */
export const sakuraModel = () =>
  JSON.parse(readFileSync(new URL('../docs/examples/fm-project-sakura-v2.json', import.meta.url), 'utf8')) as FinancialModel;

export interface OpenModel {
  engagement: Awaited<ReturnType<typeof engagementInProgress>>;
  model: ModelDetail;
  /** The workbench's address: `/engagements/{id}/models/{modelId}`. */
  path: string;
  context: BrowserContext;
  page: Page;
}

/**
 * A financial-modeling engagement in progress with the Sakura model saved as version 1, open in the
 * workbench for its analyst — in Japanese unless `locale` says otherwise — with the value shown.
 */
export async function openNewModel(
  browser: Browser,
  engagementTitle: string,
  modelName: string,
  locale: 'ja' | 'en' = 'ja',
): Promise<OpenModel> {
  const engagement = await engagementInProgress(engagementTitle, { type: 'financial_modeling' });
  const model = await engagement.analyst.ok<ModelDetail>('POST', `${engagement.path}/models`, { name: modelName, document: sakuraModel() });
  const path = `/engagements/${engagement.id}/models/${model.id}`;
  const { context, page } = await openVersion(browser, path, null, locale);
  return { engagement, model, path, context, page };
}

/** The workbench at `path` (one saved version, or the latest) for the analyst, once its value shows. */
export async function openVersion(
  browser: Browser,
  path: string,
  version: number | null,
  locale: 'ja' | 'en',
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(browser, locale === 'ja' ? 'ja-JP' : 'en-US');
  if (locale === 'en') await context.addInitScript({ content: "localStorage.setItem('kpo.locale', 'en');" });
  await signInQuickly(context, ANALYST);
  await page.goto(version === null ? path : `${path}?version=${version}`);
  await page.getByTestId('value-per-share').waitFor();
  return { context, page };
}
