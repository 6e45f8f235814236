import type {
  AgreementView,
  CreateDeliverableRequest,
  DecideVersionRequest,
  DeliverableCheckReport,
  DeliverableDetail,
  DeliverableView,
  GoldItemView,
  PlantGoldRequest,
  QualitySettingsInput,
  ReviewQueueView,
  Rubric,
  RubricInput,
  SubmitReviewRequest,
  SubmitVersionRequest,
} from '../../../shared/contracts/deliverables';
import { apiRequest } from '../../api/client';

/** The quality settings as the server keeps them: with the version a save must name. */
export type QualitySettings = QualitySettingsInput & { version: number };

/** A row of the review queue (the split and the spread are null while the viewer has not reviewed a blind version). */
export type ReviewQueueRow = ReviewQueueView[number];

const e = (id: string) => `/api/engagements/${encodeURIComponent(id)}`;
const d = (id: string, deliverableId: string) => `${e(id)}/deliverables/${encodeURIComponent(deliverableId)}`;

/** Deliverables and their review (src/server/routes/deliverables.ts). */
export const deliverablesApi = {
  list: (id: string) => apiRequest<DeliverableView[]>('GET', `${e(id)}/deliverables`),
  get: (id: string, deliverableId: string) => apiRequest<DeliverableDetail>('GET', d(id, deliverableId)),
  create: (id: string, body: CreateDeliverableRequest) => apiRequest<DeliverableDetail>('POST', `${e(id)}/deliverables`, { body }),
  check: (id: string, deliverableId: string, body: SubmitVersionRequest) =>
    apiRequest<DeliverableCheckReport>('POST', `${d(id, deliverableId)}/check`, { body }),
  submit: (id: string, deliverableId: string, body: SubmitVersionRequest) =>
    apiRequest<DeliverableDetail>('POST', `${d(id, deliverableId)}/versions`, { body }),
  review: (id: string, deliverableId: string, version: number, body: SubmitReviewRequest) =>
    apiRequest<DeliverableDetail>('POST', `${d(id, deliverableId)}/versions/${version}/reviews`, { body }),
  decide: (id: string, deliverableId: string, version: number, body: DecideVersionRequest) =>
    apiRequest<DeliverableDetail>('POST', `${d(id, deliverableId)}/versions/${version}/decision`, { body }),
  settings: (id: string) => apiRequest<QualitySettings>('GET', `${e(id)}/quality`),
  saveSettings: (id: string, body: QualitySettings) => apiRequest<QualitySettings>('PUT', `${e(id)}/quality`, { body }),
  rubricVersion: (id: string, rubricId: string, version: number) =>
    apiRequest<Rubric>('GET', `${e(id)}/rubrics/${encodeURIComponent(rubricId)}/versions/${version}`),
  agreement: (id: string) => apiRequest<AgreementView>('GET', `${e(id)}/agreement`),
  queue: () => apiRequest<ReviewQueueRow[]>('GET', '/api/reviews/queue'),
  rubrics: () => apiRequest<Rubric[]>('GET', '/api/rubrics'),
  saveRubric: (body: RubricInput) => apiRequest<Rubric>('POST', '/api/rubrics', { body }),
  /** The client's gold checks (never the provider's: it has no rule to read them). */
  gold: (id: string) => apiRequest<GoldItemView[]>('GET', `${e(id)}/gold`),
  plantGold: (id: string, body: PlantGoldRequest) => apiRequest<GoldItemView>('POST', `${e(id)}/gold`, { body }),
  withdrawGold: (id: string, goldId: string) => apiRequest<GoldItemView>('POST', `${e(id)}/gold/${encodeURIComponent(goldId)}/withdraw`),
};

/** Cache keys: an engagement's under the engagement (one invalidation refreshes the page); the rest on their own. */
export const deliverableKeys = {
  list: (id: string) => ['engagements', 'one', id, 'deliverables'] as const,
  one: (id: string, deliverableId: string) => ['engagements', 'one', id, 'deliverables', deliverableId] as const,
  quality: (id: string) => ['engagements', 'one', id, 'quality'] as const,
  rubricVersion: (id: string, rubricId: string, version: number) => ['engagements', 'one', id, 'rubric', rubricId, version] as const,
  agreement: (id: string) => ['engagements', 'one', id, 'agreement'] as const,
  gold: (id: string) => ['engagements', 'one', id, 'gold'] as const,
  queue: ['reviews', 'queue'] as const,
  rubrics: ['rubrics'] as const,
};
