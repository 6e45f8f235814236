import { describe, expect, it } from 'vitest';
import type { EngagementStatus, TransitionAction } from '../../shared/contracts/engagements.js';
import { transition } from './lifecycle.js';

const at = (status: EngagementStatus, heldFrom: EngagementStatus | null = null) => ({ status, heldFrom });

/** Who may move an engagement, from where, is engagement-rules.ts's (tested there); here, where each move leads. */
describe('engagement lifecycle', () => {
  it('walks the happy path from draft to closed', () => {
    const path: [EngagementStatus, TransitionAction, EngagementStatus][] = [
      ['draft', 'request', 'requested'],
      ['contracted', 'start', 'in_progress'],
      ['in_progress', 'deliver', 'delivered'],
      ['delivered', 'accept', 'accepted'],
      ['accepted', 'close', 'closed'],
    ];
    for (const [from, action, to] of path) expect(transition(at(from), action).to).toBe(to);
  });

  it('some moves need a reason', () => {
    expect(() => transition(at('in_progress'), 'hold')).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => transition(at('delivered'), 'send_back', '  ')).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(transition(at('in_progress'), 'hold', 'budget freeze')).toEqual({ from: 'in_progress', to: 'on_hold', heldFrom: 'in_progress' });
    expect(transition(at('delivered'), 'send_back', 'section 3').to).toBe('in_progress');
  });

  it('resumes a held engagement where it was', () => {
    expect(transition(at('on_hold', 'contracted'), 'resume').to).toBe('contracted');
    expect(transition(at('on_hold', 'contracted'), 'resume').heldFrom).toBeNull();
  });
});
