/**
 * Where the research canvases live in the survey tab's address, so a link shows the other side
 * the same view: `?sizing=<id>&v=<n>` and `?matrix=<id>&v=<n>&x=<key>&y=<key>`; `new` as the id
 * opens the editor of a new one.
 */
export type ResearchRoute =
  | { kind: 'sizing'; id: string; version: number | null }
  | { kind: 'newSizing' }
  | { kind: 'matrix'; id: string; version: number | null; x: string | null; y: string | null }
  | { kind: 'newMatrix' };

const NEW = 'new';

/**
 * A version in the address (`v`, or the parameter named): a whole number from 1, else none (the
 * latest), so a mistyped address never sends NaN or "abc" to the server. Shared by every versioned
 * view kept in the address (research canvases, codeframes' `cfv`).
 */
export function versionOf(params: URLSearchParams, name = 'v'): number | null {
  const raw = params.get(name)?.trim();
  if (!raw || !/^[1-9]\d{0,6}$/.test(raw)) return null;
  return Number(raw);
}

const keyOf = (params: URLSearchParams, name: string): string | null => {
  const value = params.get(name)?.trim();
  return value ? value : null;
};

/** The canvas the address opens, or null when it names none (the survey list, or a survey). */
export function researchRoute(params: URLSearchParams): ResearchRoute | null {
  const sizing = keyOf(params, 'sizing');
  if (sizing) return sizing === NEW ? { kind: 'newSizing' } : { kind: 'sizing', id: sizing, version: versionOf(params) };
  const matrix = keyOf(params, 'matrix');
  if (matrix)
    return matrix === NEW
      ? { kind: 'newMatrix' }
      : { kind: 'matrix', id: matrix, version: versionOf(params), x: keyOf(params, 'x'), y: keyOf(params, 'y') };
  return null;
}

/** The address of a route; a null version or axis is left out (the latest, the saved axes). */
export function researchParams(route: ResearchRoute): URLSearchParams {
  const out = new URLSearchParams();
  switch (route.kind) {
    case 'newSizing':
      out.set('sizing', NEW);
      break;
    case 'newMatrix':
      out.set('matrix', NEW);
      break;
    case 'sizing':
      out.set('sizing', route.id);
      if (route.version !== null) out.set('v', String(route.version));
      break;
    case 'matrix':
      out.set('matrix', route.id);
      if (route.version !== null) out.set('v', String(route.version));
      if (route.x) out.set('x', route.x);
      if (route.y) out.set('y', route.y);
      break;
  }
  return out;
}

/**
 * The axes the positioning map's pickers show: the address's first, then the map's (the saved
 * axes). The server draws a map only with both, so with no saved axes picking X alone must keep
 * X (from the address) until Y is picked, rather than blank it again.
 */
export function mapAxes(
  route: { x: string | null; y: string | null },
  map: { x: { feature: string }; y: { feature: string } } | null,
): { x: string | null; y: string | null } {
  return { x: route.x ?? map?.x.feature ?? null, y: route.y ?? map?.y.feature ?? null };
}
