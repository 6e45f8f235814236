import type {
  CalibrationRoundSummary,
  CalibrationRoundView,
  CalibrationScoreRequest,
  CreateCalibrationRoundRequest,
  ReviewerDrift,
} from '../../../shared/contracts/deliverables';
import { apiRequest } from '../../api/client';

const rounds = '/api/calibration/rounds';
const round = (id: string) => `${rounds}/${encodeURIComponent(id)}`;

/** Calibration of a client's reviewers (src/server/routes/deliverables.ts). */
export const calibrationApi = {
  rounds: () => apiRequest<CalibrationRoundSummary[]>('GET', rounds),
  round: (id: string) => apiRequest<CalibrationRoundView>('GET', round(id)),
  create: (body: CreateCalibrationRoundRequest) => apiRequest<CalibrationRoundView>('POST', rounds, { body }),
  score: (id: string, body: CalibrationScoreRequest) => apiRequest<CalibrationRoundView>('POST', `${round(id)}/scores`, { body }),
  drift: () => apiRequest<ReviewerDrift[]>('GET', '/api/calibration/drift'),
};

/** Under one root: a new round or score refreshes the list, the round and the drift together. */
export const calibrationKeys = {
  all: ['calibration'] as const,
  rounds: ['calibration', 'rounds'] as const,
  round: (id: string) => ['calibration', 'rounds', id] as const,
  drift: ['calibration', 'drift'] as const,
};
