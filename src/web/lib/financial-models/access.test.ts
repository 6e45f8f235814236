import { describe, expect, it } from 'vitest';
import { mayCreateModels } from './access';

describe('who may add models', () => {
  it('follows what the server allows the viewer on this engagement', () => {
    expect(mayCreateModels({ allowedActions: ['post_update', 'save_models'] })).toBe(true);
    expect(mayCreateModels({ allowedActions: ['ask_question'] })).toBe(false);
    expect(mayCreateModels({ allowedActions: [] })).toBe(false);
  });
});
