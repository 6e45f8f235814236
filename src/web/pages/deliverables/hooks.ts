import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { DeliverableDetail, DeliverableVersionView } from '../../../shared/contracts/deliverables';
import { isApiError } from '../../api/errors';
import { queryKeys } from '../../api/queryKeys';
import { deliverableKeys, deliverablesApi } from './api';

/** A refusal (forbidden, not found) is an answer, not a glitch: retry only what may pass next time. */
const retryTransient = (count: number, error: unknown) =>
  count < 2 &&
  !(isApiError(error) && ['invalid_input', 'forbidden', 'not_found', 'unauthenticated', 'conflict', 'invalid_state'].includes(error.code));

export function useDeliverables(engagementId: string) {
  return useQuery({ queryKey: deliverableKeys.list(engagementId), queryFn: () => deliverablesApi.list(engagementId) });
}

export function useDeliverable(engagementId: string, deliverableId: string) {
  return useQuery({
    queryKey: deliverableKeys.one(engagementId, deliverableId),
    queryFn: () => deliverablesApi.get(engagementId, deliverableId),
    retry: retryTransient,
  });
}

export function useQualitySettings(engagementId: string) {
  return useQuery({ queryKey: deliverableKeys.quality(engagementId), queryFn: () => deliverablesApi.settings(engagementId) });
}

/** The rubric a version is reviewed against, as the version names it (a rubric version never changes). */
export function useRubricOf(engagementId: string, version: Pick<DeliverableVersionView, 'rubricId' | 'rubricVersion'>) {
  return useQuery({
    queryKey: deliverableKeys.rubricVersion(engagementId, version.rubricId, version.rubricVersion),
    queryFn: () => deliverablesApi.rubricVersion(engagementId, version.rubricId, version.rubricVersion),
    staleTime: Number.POSITIVE_INFINITY,
    retry: retryTransient,
  });
}

export function useAgreement(engagementId: string, enabled: boolean) {
  return useQuery({
    queryKey: deliverableKeys.agreement(engagementId),
    queryFn: () => deliverablesApi.agreement(engagementId),
    enabled,
    retry: retryTransient,
  });
}

/** The engagement's gold checks: fetched only for a viewer the server lets read them (`gold.read`). */
export function useGold(engagementId: string, enabled: boolean) {
  return useQuery({
    queryKey: deliverableKeys.gold(engagementId),
    queryFn: () => deliverablesApi.gold(engagementId),
    enabled,
    retry: retryTransient,
  });
}

export function useReviewQueue() {
  return useQuery({ queryKey: deliverableKeys.queue, queryFn: () => deliverablesApi.queue(), retry: retryTransient });
}

export function useRubrics() {
  return useQuery({ queryKey: deliverableKeys.rubrics, queryFn: () => deliverablesApi.rubrics(), retry: retryTransient });
}

/** After a change to a deliverable: take the server's answer, refresh the list, agreement, queue and bell. */
export function useDeliverableChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (detail?: DeliverableDetail) => {
      if (detail) queryClient.setQueryData(deliverableKeys.one(engagementId, detail.id), detail);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: deliverableKeys.list(engagementId), exact: true }),
        queryClient.invalidateQueries({ queryKey: deliverableKeys.agreement(engagementId) }),
        queryClient.invalidateQueries({ queryKey: deliverableKeys.gold(engagementId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.engagementPart(engagementId, 'milestones') }),
        queryClient.invalidateQueries({ queryKey: deliverableKeys.queue }),
        queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
      ]);
    },
    [engagementId, queryClient],
  );
}
