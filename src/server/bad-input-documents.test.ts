import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const documents = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}/documents`;

/** The document vault: a file's name, note and content (the request body), grants and their ids. */
export const documentCases: WriteCase[] = [
  {
    name: 'document name',
    route: 'POST /api/engagements/:id/documents',
    path: (s, ids) => `${documents(ids)}?name=${enc(s)}&classification=internal`,
    body: () => 'content',
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'document name with an extension',
    route: 'POST /api/engagements/:id/documents',
    path: (s, ids) => `${documents(ids)}?name=${enc(`${s}.txt`)}&classification=internal`,
    body: () => 'content',
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'document version note',
    route: 'POST /api/engagements/:id/documents',
    path: (s, ids) => `${documents(ids)}?name=notes.txt&classification=internal&note=${enc(s)}`,
    body: () => 'content',
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'file content',
    route: 'POST /api/engagements/:id/documents',
    path: (_s, ids) => `${documents(ids)}?name=content.txt&classification=internal`,
    body: (s) => s,
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'grantee',
    route: 'POST /api/engagements/:id/documents/:documentId/grants',
    path: (_s, ids) => `${documents(ids)}/${ids.document}/grants`,
    body: (s) => ({ grantee: { kind: 'user', userId: s }, access: 'view', days: 7 }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'document id in the grant path',
    route: 'POST /api/engagements/:id/documents/:documentId/grants',
    path: (s, ids) => `${documents(ids)}/${enc(s)}/grants`,
    body: () => ({ grantee: { kind: 'team' }, access: 'view', days: 7 }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'grant id in the revoke path',
    route: 'POST /api/engagements/:id/documents/:documentId/grants/:grantId/revoke',
    path: (s, ids) => `${documents(ids)}/${ids.document}/grants/${enc(s)}/revoke`,
    body: () => ({}),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'code name term',
    route: 'POST /api/engagements/:id/documents/:documentId/versions/:version/pseudonymised-copy',
    path: (_s, ids) => `${documents(ids)}/${ids.document}/versions/1/pseudonymised-copy`,
    body: (s) => ({ codeNames: [{ term: s, codeName: 'Project X' }] }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'kinds of personal data to replace',
    route: 'POST /api/engagements/:id/documents/:documentId/versions/:version/pseudonymised-copy',
    path: (_s, ids) => `${documents(ids)}/${ids.document}/versions/1/pseudonymised-copy`,
    body: (s) => ({ types: [s] }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'version in the pseudonymise path',
    route: 'POST /api/engagements/:id/documents/:documentId/versions/:version/pseudonymised-copy',
    path: (s, ids) => `${documents(ids)}/${ids.document}/versions/${enc(s)}/pseudonymised-copy`,
    body: () => ({}),
    as: 'admin',
    at: 'in_progress',
    control: () => '1',
  },
  {
    name: 'destruction confirmation',
    route: 'POST /api/engagements/:id/close-out/destroy',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/close-out/destroy`,
    body: (s) => ({ confirm: s }),
    as: 'admin',
    at: 'cancelled',
  },
  {
    name: "provider's deletion statement",
    route: 'POST /api/engagements/:id/close-out/attestation',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/close-out/attestation`,
    body: (s) => ({ statement: s }),
    as: 'manager',
    at: 'cancelled',
  },
];

describeEachDatabase('bad input: naughty strings into the document vault', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), documentCases, backend);
});
