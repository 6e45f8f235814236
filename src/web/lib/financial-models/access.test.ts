import { describe, expect, it } from 'vitest';
import { mayCreateModels } from './access';

describe('who may add models', () => {
  it('follows what the server allows the viewer on this engagement', () => {
    expect(mayCreateModels({ allowedActions: ['update.post', 'model.write'] })).toBe(true);
    expect(mayCreateModels({ allowedActions: ['question.ask', 'model.read'] })).toBe(false);
    expect(mayCreateModels({ allowedActions: [] })).toBe(false);
  });
});
