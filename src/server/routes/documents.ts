import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  accessReviewSchema,
  createGrantRequestSchema,
  documentLibrarySchema,
  documentSchema,
  uploadDocumentQuerySchema,
} from '../../shared/contracts/documents.js';
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

/** A document's bytes; the name also in RFC 5987 form (names are often Japanese). */
function fileResponse(bytes: Uint8Array, fileName: string, mediaType: string, inline: boolean): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(bytes, {
    status: 200,
    headers: {
      'content-type': mediaType,
      'content-length': String(bytes.byteLength),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
      // A document is data, never a page: nothing in it may run in kpo's origin.
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    },
  });
}

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
      return fileResponse(file.bytes, file.name, file.mediaType, mode === 'view') as never;
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
}
