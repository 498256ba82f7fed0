import type { Count } from '../domain/reach.ts';

/** A count as a caller may see it: below the threshold (but not 0) it becomes "<threshold". */
export function protectCount(n: number, threshold: number, protect: boolean): Count {
  return protect && n > 0 && n < threshold ? `<${threshold}` : n;
}
