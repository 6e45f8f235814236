import { Alert, Box, Code, Image, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { getDocument, PDFDocumentProxy } from 'pdfjs-dist';
import pdfjsUrl from 'pdfjs-dist/build/pdf.min.mjs?url';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/contracts/documents';
import { documentContentUrl, fetchDocumentContent } from '../../../api/documents';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { viewerKind } from '../../../lib/documents/documents';

type PdfJs = typeof import('pdfjs-dist');

let pdfjs: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded the first time a PDF is opened. It and its worker are kpo's own assets, served
 * from /assets (script-src 'self' covers both); loaded by address rather than bundled, so that no
 * chunk of the app carries its 400 kB (the build's vendor chunk takes every bundled library).
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (import(/* @vite-ignore */ pdfjsUrl) as Promise<PdfJs>).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  });
  return pdfjs;
}

interface DocumentViewerProps {
  engagementId: string;
  documentId: string;
  name: string;
  version: number;
  kind: DocumentKind;
}

/**
 * The viewing copy of a version (mode=view: the server watermarks it as its class requires and
 * records the view). Each opening is one recorded view: the content is not kept once the viewer closes.
 */
export function DocumentViewer({ engagementId, documentId, name, version, kind }: DocumentViewerProps) {
  const { t } = useTranslation();
  const shows = viewerKind(kind);
  const content = useQuery({
    queryKey: ['document-content', engagementId, documentId, version, 'view'],
    queryFn: ({ signal }) => fetchDocumentContent(documentContentUrl(engagementId, documentId, version, 'view'), signal),
    enabled: shows !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: (count, error) => count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
  });
  if (shows === null) {
    return (
      <Alert color="gray" variant="light">
        {t('documents.viewer.notViewable')}
      </Alert>
    );
  }
  if (content.isPending) return <Loading />;
  if (content.isError) return <ErrorAlert error={content.error} onRetry={() => void content.refetch()} />;
  if (shows === 'pdf') return <PdfPages blob={content.data} />;
  if (shows === 'image') return <BlobImage blob={content.data} name={name} />;
  return <TextContent blob={content.data} />;
}

/** A PDF page by page, each on its own canvas, as wide as the viewer. */
function PdfPages({ blob }: { blob: Blob }) {
  const { t } = useTranslation();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    let task: ReturnType<typeof getDocument> | null = null;
    void Promise.all([blob.arrayBuffer(), loadPdfJs()])
      .then(([bytes, { getDocument }]) => {
        if (cancelled) return;
        // No eval and no WebAssembly: the app's CSP allows neither, and pdf.js does without.
        task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useWasm: false, enableXfa: false });
        return task.promise.then((doc) => {
          if (!cancelled) setPdf(doc);
        });
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [blob]);
  if (error) return <ErrorAlert error={error} />;
  if (!pdf) return <Loading />;
  return (
    <Stack gap="sm" data-testid="pdf-pages" data-pages={pdf.numPages}>
      <Text size="xs" c="dimmed">
        {t('documents.viewer.pages', { count: pdf.numPages })}
      </Text>
      {Array.from({ length: pdf.numPages }, (_, i) => i + 1).map((page) => (
        <PdfPage key={page} pdf={pdf} page={page} />
      ))}
    </Stack>
  );
}

function PdfPage({ pdf, page }: { pdf: PDFDocumentProxy; page: number }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [rendered, setRendered] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel: () => void; promise: Promise<void> } | null = null;
    void pdf
      .getPage(page)
      .then((p) => {
        const target = canvas.current;
        if (cancelled || !target) return;
        const width = target.parentElement?.clientWidth || 760;
        const scale = width / p.getViewport({ scale: 1 }).width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = p.getViewport({ scale: scale * ratio });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        target.style.width = `${Math.floor(viewport.width / ratio)}px`;
        target.style.height = `${Math.floor(viewport.height / ratio)}px`;
        task = p.render({ canvas: target, viewport });
        return task.promise.then(() => {
          if (!cancelled) setRendered(true);
        });
      })
      .catch((e: unknown) => {
        if (!cancelled && !(e instanceof Error && e.name === 'RenderingCancelledException')) setError(e);
      });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page]);
  const label = t('documents.viewer.page', { page, pages: pdf.numPages });
  return (
    <Box style={{ border: '1px solid var(--mantine-color-gray-3)', background: 'white' }}>
      {error ? <ErrorAlert error={error} /> : null}
      <canvas ref={canvas} role="img" aria-label={label} data-page={page} data-rendered={rendered} style={{ display: 'block' }} />
    </Box>
  );
}

/** An image from a blob: URL (the CSP's img-src allows blob:), released when the viewer closes. */
function BlobImage({ blob, name }: { blob: Blob; name: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  if (!url) return <Loading />;
  return <Image src={url} alt={t('documents.viewer.image', { name })} fit="contain" mah="75vh" data-testid="image-view" />;
}

function TextContent({ blob }: { blob: Blob }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void blob.text().then((value) => {
      if (!cancelled) setText(value);
    });
    return () => {
      cancelled = true;
    };
  }, [blob]);
  if (text === null) return <Loading />;
  return (
    <Code block mah="70vh" style={{ overflow: 'auto', whiteSpace: 'pre-wrap' }} data-testid="text-view">
      {text}
    </Code>
  );
}
