import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('writes one JSON line per event by default, at or above its level', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (l) => lines.push(l));
    logger.debug('hidden');
    logger.info('jobs started', { database: 'pglite' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'jobs started', database: 'pglite' });
  });

  it('writes plain text for a terminal: the message, its fields, a stack below', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l), 'text');
    logger.info('jobs started', { database: 'pglite', jobs: 'sla-check, deliver-notifications' });
    logger.warn('job failed', { job: 'sla-check', ms: 12 });
    logger.error('unhandled error', { requestId: 'r1', stack: 'Error: boom\n    at x' });
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] jobs started \(database: pglite, jobs: sla-check, deliver-notifications\)$/);
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] warn: job failed \(job: sla-check, ms: 12\)$/);
    expect(lines[2]).toMatch(/^\[\d\d:\d\d:\d\d\] error: unhandled error \(requestId: r1\)\nError: boom\n {4}at x$/);
    expect(lines.join('\n')).not.toContain('{');
  });

  it('silent writes nothing', () => {
    const lines: string[] = [];
    const logger = createLogger('silent', (l) => lines.push(l), 'text');
    logger.error('nothing');
    expect(lines).toEqual([]);
  });
});
