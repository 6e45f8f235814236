/**
 * A file the API hands out (a document, an export, a certificate): the name also in RFC 5987 form,
 * since names are often Japanese; never cached; and data, never a page — nothing in it may run in
 * kpo's origin, even when a browser shows it inline.
 */
export function fileResponse(bytes: Uint8Array, fileName: string, mediaType: string, options: { inline?: boolean } = {}): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(bytes, {
    status: 200,
    headers: {
      'content-type': mediaType,
      'content-length': String(bytes.byteLength),
      'content-disposition': `${options.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    },
  });
}
