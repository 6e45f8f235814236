import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/errors';
import { calibrationApi, calibrationKeys } from './api';

/** A refusal (forbidden, not found) is an answer, not a glitch: retry only what may pass next time. */
const retryTransient = (count: number, error: unknown) =>
  count < 2 && !(isApiError(error) && ['invalid_input', 'forbidden', 'not_found', 'unauthenticated', 'conflict'].includes(error.code));

export function useCalibrationRounds() {
  return useQuery({ queryKey: calibrationKeys.rounds, queryFn: () => calibrationApi.rounds(), retry: retryTransient });
}

export function useCalibrationRound(id: string) {
  return useQuery({ queryKey: calibrationKeys.round(id), queryFn: () => calibrationApi.round(id), retry: retryTransient });
}

/** Who drifts: only for a viewer the session lets run calibration (`calibration.manage`). */
export function useDrift(enabled: boolean) {
  return useQuery({ queryKey: calibrationKeys.drift, queryFn: () => calibrationApi.drift(), enabled, retry: retryTransient });
}
