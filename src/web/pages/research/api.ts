import type {
  CanvasSummary,
  MatrixDetail,
  SaveMatrixRequest,
  SaveMatrixVersionRequest,
  SaveSizingRequest,
  SaveSizingVersionRequest,
  SizingDetail,
} from '../../../shared/contracts/market-sizing-api';
import { apiRequest } from '../../api/client';

const sizings = (id: string) => `/api/engagements/${encodeURIComponent(id)}/sizings`;
const sizing = (id: string, sizingId: string) => `${sizings(id)}/${encodeURIComponent(sizingId)}`;
const matrices = (id: string) => `/api/engagements/${encodeURIComponent(id)}/competitor-matrices`;
const matrix = (id: string, matrixId: string) => `${matrices(id)}/${encodeURIComponent(matrixId)}`;

/** The positioning map's axes as the address names them; null lets the server use the saved choice. */
export interface MatrixQuery {
  version: number | null;
  x: string | null;
  y: string | null;
}

/** Market sizings and competitor matrices (src/server/routes/market-sizing.ts): one function per route. */
export const sizingsApi = {
  list: (id: string) => apiRequest<CanvasSummary[]>('GET', sizings(id)),
  create: (id: string, body: SaveSizingRequest) => apiRequest<SizingDetail>('POST', sizings(id), { body }),
  get: (id: string, sizingId: string, version?: number) => apiRequest<SizingDetail>('GET', sizing(id, sizingId), { query: { version } }),
  saveVersion: (id: string, sizingId: string, body: SaveSizingVersionRequest) =>
    apiRequest<SizingDetail>('POST', `${sizing(id, sizingId)}/versions`, { body }),
};

export const matricesApi = {
  list: (id: string) => apiRequest<CanvasSummary[]>('GET', matrices(id)),
  create: (id: string, body: SaveMatrixRequest) => apiRequest<MatrixDetail>('POST', matrices(id), { body }),
  get: (id: string, matrixId: string, q: MatrixQuery) =>
    apiRequest<MatrixDetail>('GET', matrix(id, matrixId), {
      query: { version: q.version ?? undefined, x: q.x ?? undefined, y: q.y ?? undefined },
    }),
  saveVersion: (id: string, matrixId: string, body: SaveMatrixVersionRequest) =>
    apiRequest<MatrixDetail>('POST', `${matrix(id, matrixId)}/versions`, { body }),
};

/** Cache keys: under the engagement, so refreshing the engagement refreshes them. */
export const researchKeys = {
  sizings: (id: string) => ['engagements', 'one', id, 'sizings'] as const,
  sizing: (id: string, sizingId: string) => ['engagements', 'one', id, 'sizings', sizingId] as const,
  sizingVersion: (id: string, sizingId: string, version: number | null) =>
    ['engagements', 'one', id, 'sizings', sizingId, 'v', version] as const,
  matrices: (id: string) => ['engagements', 'one', id, 'competitor-matrices'] as const,
  matrix: (id: string, matrixId: string) => ['engagements', 'one', id, 'competitor-matrices', matrixId] as const,
  matrixView: (id: string, matrixId: string, q: MatrixQuery) =>
    ['engagements', 'one', id, 'competitor-matrices', matrixId, 'v', q.version, q.x, q.y] as const,
};
