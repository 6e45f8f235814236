import { parentPort } from 'node:worker_threads';
import { detectPii } from '../../core/documents/pii/detect.js';
import { loadKuromojiTokenizer } from './kuromoji.js';

/** One thread of the PII pool (pii-pool.ts): texts in, findings out, kuromoji loaded on the first Japanese text (once: kuromoji.ts keeps it). */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

parentPort?.on('message', async (job: { seq: number; text: string }) => {
  try {
    const tk = JAPANESE.test(job.text) ? await loadKuromojiTokenizer() : undefined;
    parentPort?.postMessage({ seq: job.seq, findings: detectPii(job.text, { tokenizer: tk }) });
  } catch (e) {
    parentPort?.postMessage({ seq: job.seq, error: (e as Error).message });
  }
});
