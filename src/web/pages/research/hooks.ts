import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** After a save: keep the server's answer as the latest, and refresh the list and every view of it. */
export function useSizingChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (changed: SizingDetail) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: researchKeys.sizings(engagementId), exact: true }),
        queryClient.invalidateQueries({ queryKey: researchKeys.sizing(engagementId, changed.id) }),
      ]);
      queryClient.setQueryData(researchKeys.sizingVersion(engagementId, changed.id, changed.version), changed);
    },
    [engagementId, queryClient],
  );
}

export function useMatrixChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (changed: MatrixDetail) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: researchKeys.matrices(engagementId), exact: true }),
        queryClient.invalidateQueries({ queryKey: researchKeys.matrix(engagementId, changed.id) }),
      ]);
    },
    [engagementId, queryClient],
  );
}
