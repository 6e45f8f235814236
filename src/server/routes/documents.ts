import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  accessReviewSchema,
  attestRequestSchema,
  certificateQuerySchema,
  closeOutSchema,
  createGrantRequestSchema,
  destroyRequestSchema,
  documentLibrarySchema,
  documentSchema,
  piiReviewSchema,
  pseudonymiseRequestSchema,
  uploadDocumentQuerySchema,
} from '../../shared/contracts/documents.js';
import { fileResponse } from '../file-response.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const idParams = z.strictObject({ id: uuid() });
const documentParams = z.strictObject({ id: uuid(), documentId: uuid() });
const versionParams = documentParams.extend({ version: z.union([z.literal('latest'), z.coerce.number().int().min(1).max(1_000_000)]) });
const grantParams = documentParams.extend({ grantId: uuid() });
const contentQuery = z.strictObject({ mode: z.enum(['view', 'download']).default('download') });
const tags = ['documents'];

/** The path of the upload route, for the body limit (app.ts). */
export const DOCUMENT_UPLOAD_ROUTE = /^\/api\/engagements\/[^/]+\/documents$/;

/** The document vault of an engagement: the library, uploads, views and downloads, grants, the access review. */
export function documentRoutes(route: RouteBuilder, rt: Runtime) {
  const documents = rt.services.documents;
  const engagement = engagementInPath(rt);
  const read = { kind: 'action', action: 'document.read', resource: engagement } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/documents',
        tags,
        summary: 'The documents the caller may see, with versions, grants and what the caller may do',
        request: { params: idParams },
        responses: { 200: jsonResponse('The library.', documentLibrarySchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await documents.library(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/documents',
        tags,
        summary: 'Upload a file (the request body, streamed and encrypted as it arrives); a name already there becomes a new version',
        request: {
          params: idParams,
          query: uploadDocumentQuerySchema,
          body: { content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } }, required: true },
        },
        responses: { 201: jsonResponse('The document with its new version.', documentSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.upload', resource: engagement },
      streamingBody: true,
    },
    async (c) => {
      const body = c.req.raw.body;
      const content: AsyncIterable<Uint8Array> = body ?? (async function* () {})();
      return c.json(await documents.upload(c.get('ctx'), c.req.valid('param').id, c.req.valid('query'), content), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/documents/{documentId}',
        tags,
        summary: 'One document, if the caller may see it',
        request: { params: documentParams },
        responses: { 200: jsonResponse('The document.', documentSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      return c.json(await documents.get(c.get('ctx'), id, documentId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/documents/{documentId}/versions/{version}/content',
        tags,
        summary: "A version's content for the viewer or as a download, watermarked as its classification requires (audited)",
        request: { params: versionParams, query: contentQuery },
        responses: {
          200: { description: 'The file.', content: { 'application/octet-stream': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      policy: read,
    },
    async (c) => {
      const { id, documentId, version } = c.req.valid('param');
      const { mode } = c.req.valid('query');
      const file = await documents.open(c.get('ctx'), id, documentId, version, mode);
      return fileResponse(file.bytes, file.name, file.mediaType, { inline: mode === 'view' }) as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/documents/{documentId}/grants',
        tags,
        summary: "Grant a client document to the provider's team or one of its people, for a number of days",
        request: { params: documentParams, body: jsonBody(createGrantRequestSchema) },
        responses: { 201: jsonResponse('The document with its grants.', documentSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.grant', resource: engagement },
    },
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      return c.json(await documents.grant(c.get('ctx'), id, documentId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/documents/{documentId}/grants/{grantId}/revoke',
        tags,
        summary: 'End a grant now',
        request: { params: grantParams },
        responses: { 200: jsonResponse('The document with its grants.', documentSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.grant', resource: engagement },
    },
    async (c) => {
      const { id, documentId, grantId } = c.req.valid('param');
      return c.json(await documents.revoke(c.get('ctx'), id, documentId, grantId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/access-review',
        tags,
        summary: 'Every live grant of the engagement with its last use',
        request: { params: idParams },
        responses: { 200: jsonResponse('The live grants.', accessReviewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.review_access', resource: engagement },
    },
    async (c) => c.json(await documents.accessReview(c.get('ctx'), c.req.valid('param').id), 200),
  );

  const closeOut = rt.services.closeOut;
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/close-out',
        tags,
        summary: "The close-out of the engagement's vault: what was destroyed, the provider's statement",
        request: { params: idParams },
        responses: { 200: jsonResponse('The close-out.', closeOutSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await closeOut.status(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/close-out/destroy',
        tags,
        summary:
          "Destroy the engagement's data (its key, then its files): once closed or cancelled, by the client's lead; cannot be undone",
        request: { params: idParams, body: jsonBody(destroyRequestSchema) },
        responses: { 200: jsonResponse('The close-out.', closeOutSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.destroy', resource: engagement },
    },
    async (c) => c.json(await closeOut.destroy(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/close-out/attestation',
        tags,
        summary: "The provider's statement that its own copies are deleted",
        request: { params: idParams, body: jsonBody(attestRequestSchema) },
        responses: { 201: jsonResponse('The close-out.', closeOutSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.attest_deletion', resource: engagement },
    },
    async (c) => c.json(await closeOut.attest(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/close-out/certificate.pdf',
        tags,
        summary: 'The signed destruction certificate (check it offline with `kpo vault verify-certificate FILE`)',
        request: { params: idParams, query: certificateQuerySchema },
        responses: { 200: { description: 'The PDF.', content: { 'application/pdf': { schema: z.string() } } }, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'document.review_access', resource: engagement },
    },
    async (c) => {
      const file = await closeOut.certificate(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').locale);
      return fileResponse(file.bytes, file.fileName, 'application/pdf') as never;
    },
  );

  const piiReview = rt.services.piiReview;
  const pseudonymising = { kind: 'action', action: 'document.pseudonymise', resource: engagement } as const;
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/documents/{documentId}/versions/{version}/pii',
        tags,
        summary: "Personal data found in a version (Japanese and English), for the client's people before sharing",
        request: { params: versionParams },
        responses: { 200: jsonResponse('The findings, each with where it stands.', piiReviewSchema), ...errorResponses },
      }),
      policy: pseudonymising,
    },
    async (c) => {
      const { id, documentId, version } = c.req.valid('param');
      return c.json(await piiReview.review(c.get('ctx'), id, documentId, version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/documents/{documentId}/versions/{version}/pseudonymised-copy',
        tags,
        summary: "A pseudonymised copy of a version (tokens consistent across the engagement; the mapping stays on the client's side)",
        request: { params: versionParams, body: jsonBody(pseudonymiseRequestSchema) },
        responses: { 201: jsonResponse('The copy, a new client document.', documentSchema), ...errorResponses },
      }),
      policy: pseudonymising,
    },
    async (c) => {
      const { id, documentId, version } = c.req.valid('param');
      return c.json(await piiReview.pseudonymise(c.get('ctx'), id, documentId, version, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/documents/{documentId}/versions/{version}/reidentified',
        tags,
        summary: 'A version with the originals put back for every token and code name (audited)',
        request: { params: versionParams },
        responses: {
          200: { description: 'The file.', content: { 'application/octet-stream': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      policy: pseudonymising,
    },
    async (c) => {
      const { id, documentId, version } = c.req.valid('param');
      const file = await piiReview.reidentify(c.get('ctx'), id, documentId, version);
      return fileResponse(file.bytes, file.name, file.mediaType) as never;
    },
  );
}
