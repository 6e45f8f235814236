import { keepPreviousData, type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MatrixDetail, SizingDetail } from '../../../shared/contracts/market-sizing-api';
import { retryTransient } from '../surveys/hooks';
import { type MatrixQuery, matricesApi, researchKeys, sizingsApi } from './api';

export function useSizings(engagementId: string) {
  return useQuery({ queryKey: researchKeys.sizings(engagementId), queryFn: () => sizingsApi.list(engagementId), retry: retryTransient });
}

/** A sizing at one version (the latest when `version` is null), with its ranges, tornado and checks. */
export function useSizing(engagementId: string, sizingId: string, version: number | null) {
  return useQuery({
    queryKey: researchKeys.sizingVersion(engagementId, sizingId, version),
    queryFn: () => sizingsApi.get(engagementId, sizingId, version ?? undefined),
    retry: retryTransient,
    placeholderData: keepPreviousData,
  });
}

export function useMatrices(engagementId: string) {
  return useQuery({ queryKey: researchKeys.matrices(engagementId), queryFn: () => matricesApi.list(engagementId), retry: retryTransient });
}

/** A competitor matrix at one version, with the positioning map on the chosen axes (the saved ones when none). */
export function useMatrix(engagementId: string, matrixId: string, query: MatrixQuery) {
  return useQuery({
    queryKey: researchKeys.matrixView(engagementId, matrixId, query),
    queryFn: () => matricesApi.get(engagementId, matrixId, query),
    retry: retryTransient,
    placeholderData: keepPreviousData,
  });
}

/**
 * After a save: keep the server's answer as the latest (and as its own version) before anything
 * refetches, so the old latest never flashes; then refresh the list and every other view of it
 * (older versions name the latest and the history).
 */
export async function sizingSaved(queryClient: QueryClient, engagementId: string, changed: SizingDetail): Promise<void> {
  for (const version of [null, changed.version])
    queryClient.setQueryData(researchKeys.sizingVersion(engagementId, changed.id, version), changed);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: researchKeys.sizings(engagementId), exact: true }),
    queryClient.invalidateQueries({
      queryKey: researchKeys.sizing(engagementId, changed.id),
      predicate: (q) => !savedKey(q.queryKey, changed.version, 7),
    }),
  ]);
}

/** The same for a matrix: the answer carries the map on the saved axes, so it stands for the views with no axes in the address. */
export async function matrixSaved(queryClient: QueryClient, engagementId: string, changed: MatrixDetail): Promise<void> {
  for (const version of [null, changed.version])
    queryClient.setQueryData(researchKeys.matrixView(engagementId, changed.id, { version, x: null, y: null }), changed);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: researchKeys.matrices(engagementId), exact: true }),
    queryClient.invalidateQueries({
      queryKey: researchKeys.matrix(engagementId, changed.id),
      predicate: (q) => !savedKey(q.queryKey, changed.version, 9),
    }),
  ]);
}

/** A view key the save's answer was just stored under: the latest or the saved version, with no axes in the address. */
const savedKey = (key: readonly unknown[], version: number, length: number): boolean =>
  key.length === length && key[5] === 'v' && (key[6] === null || key[6] === version) && key.slice(7).every((k) => k === null);

export function useSizingChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback((changed: SizingDetail) => sizingSaved(queryClient, engagementId, changed), [engagementId, queryClient]);
}

export function useMatrixChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback((changed: MatrixDetail) => matrixSaved(queryClient, engagementId, changed), [engagementId, queryClient]);
}

/**
 * "Reload" after a conflict: refetch every cached view of the canvas (whichever version the editor
 * started from, and the latest even when not on screen) and the list, and wait for them, so the
 * latest shown next is the server's, never the cache's.
 */
export async function reloadCanvas(queryClient: QueryClient, engagementId: string, kind: 'sizing' | 'matrix', id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: kind === 'sizing' ? researchKeys.sizings(engagementId) : researchKeys.matrices(engagementId),
      exact: true,
    }),
    queryClient.invalidateQueries({
      queryKey: kind === 'sizing' ? researchKeys.sizing(engagementId, id) : researchKeys.matrix(engagementId, id),
      refetchType: 'all',
    }),
  ]);
}

export function useReloadCanvas(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (kind: 'sizing' | 'matrix', id: string) => reloadCanvas(queryClient, engagementId, kind, id),
    [engagementId, queryClient],
  );
}
