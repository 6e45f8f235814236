import { useCallback, useState } from 'react';

/**
 * Which fields a person has changed since a request failed. A server issue describes the value
 * that was sent: once its field is edited, the issue is stale and the field shows it no more
 * (a filled title must not keep saying "enter a title"). A new failure starts afresh.
 */
export function useEditedSince(error: unknown): { edited: (field: string) => boolean; mark: (field: string) => void } {
  const [state, setState] = useState<{ error: unknown; fields: ReadonlySet<string> }>({ error, fields: new Set() });
  const fields = state.error === error ? state.fields : new Set<string>();
  const mark = useCallback(
    (field: string) =>
      setState((s) => {
        const before = s.error === error ? s.fields : new Set<string>();
        return before.has(field) ? s : { error, fields: new Set([...before, field]) };
      }),
    [error],
  );
  return { edited: (field) => fields.has(field), mark };
}
