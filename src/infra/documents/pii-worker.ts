import { parentPort } from 'node:worker_threads';
import { detectPii } from '../../core/documents/pii/detect.js';
import { loadKuromojiTokenizer } from './kuromoji.js';
import { packFindings } from './pii-pool.js';

/** One thread of the PII pool (pii-pool.ts): a batch of texts in, their findings out (packed), kuromoji loaded on the first Japanese text (once: kuromoji.ts keeps it). */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

parentPort?.on('message', async (job: { seq: number; texts: string[] }) => {
  try {
    const tk = job.texts.some((t) => JAPANESE.test(t)) ? await loadKuromojiTokenizer() : undefined;
    const packed = packFindings(job.texts.map((text) => detectPii(text, { tokenizer: tk })));
    // Fresh arrays of this thread (never shared), handed over rather than copied.
    parentPort?.postMessage({ seq: job.seq, ...packed }, [packed.spans.buffer as ArrayBuffer, packed.scores.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort?.postMessage({ seq: job.seq, error: (e as Error).message });
  }
});
