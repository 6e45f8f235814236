import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { MatrixDetail, SizingDetail } from '../../../shared/contracts/market-sizing-api';
import { researchKeys } from './api';
import { matrixSaved, reloadCanvas, sizingSaved } from './hooks';

const sizing = (version: number, latestVersion = version) => ({ id: 's1', version, latestVersion }) as unknown as SizingDetail;
const matrix = (version: number, latestVersion = version) => ({ id: 'm1', version, latestVersion }) as unknown as MatrixDetail;
const invalidated = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;

describe('research caches after a save', () => {
  it('stores the saved sizing as the latest before refetching the rest, so the old latest never shows', async () => {
    const client = new QueryClient();
    const latest = researchKeys.sizingVersion('e1', 's1', null);
    const v1 = researchKeys.sizingVersion('e1', 's1', 1);
    client.setQueryData(latest, sizing(1));
    client.setQueryData(v1, sizing(1));
    client.setQueryData(researchKeys.sizings('e1'), []);
    await sizingSaved(client, 'e1', sizing(2));
    expect(client.getQueryData(latest)).toEqual(sizing(2));
    expect(client.getQueryData(researchKeys.sizingVersion('e1', 's1', 2))).toEqual(sizing(2));
    expect(invalidated(client, latest)).toBe(false);
    // Version 1 still names version 1 as the latest: it is refetched when shown again.
    expect(invalidated(client, v1)).toBe(true);
    expect(invalidated(client, researchKeys.sizings('e1'))).toBe(true);
  });

  it('stores the saved matrix for the views on the saved axes only', async () => {
    const client = new QueryClient();
    const latest = researchKeys.matrixView('e1', 'm1', { version: null, x: null, y: null });
    const picked = researchKeys.matrixView('e1', 'm1', { version: null, x: 'price', y: 'scan' });
    client.setQueryData(latest, matrix(3));
    client.setQueryData(picked, matrix(3));
    await matrixSaved(client, 'e1', matrix(4));
    expect(client.getQueryData(latest)).toEqual(matrix(4));
    expect(client.getQueryData(researchKeys.matrixView('e1', 'm1', { version: 4, x: null, y: null }))).toEqual(matrix(4));
    expect(invalidated(client, latest)).toBe(false);
    // Other axes draw another map: the saved answer cannot stand for it.
    expect(client.getQueryData(picked)).toEqual(matrix(3));
    expect(invalidated(client, picked)).toBe(true);
  });

  it('reloads every cached version after a conflict, the latest too when it is not on screen', async () => {
    const client = new QueryClient();
    const latest = researchKeys.sizingVersion('e1', 's1', null);
    const v1 = researchKeys.sizingVersion('e1', 's1', 1);
    const fetched: unknown[] = [];
    for (const [key, fresh] of [
      [latest, sizing(5)],
      [v1, sizing(1, 5)],
    ] as const) {
      client.setQueryDefaults(key, {
        queryFn: vi.fn(async () => {
          fetched.push(key);
          return fresh;
        }),
      });
      client.setQueryData(key, sizing(1, 4));
    }
    await reloadCanvas(client, 'e1', 'sizing', 's1');
    expect(fetched).toHaveLength(2);
    expect(client.getQueryData(latest)).toEqual(sizing(5));
    expect(client.getQueryData(v1)).toEqual(sizing(1, 5));
  });
});
