import type { LineOf } from './zod-issues.ts';

/** Looks a path up, falling back to its closest located parent (`cases.2.vars.x` → `cases.2`). */
export function lineLookup(lines: ReadonlyMap<string, number>): LineOf {
  return (path) => {
    let current = path;
    for (;;) {
      const line = lines.get(current);
      if (line !== undefined || current === '') return line;
      const dot = current.lastIndexOf('.');
      current = dot === -1 ? '' : current.slice(0, dot);
    }
  };
}
