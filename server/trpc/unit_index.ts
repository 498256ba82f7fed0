import { TRPCError } from '@trpc/server';
import type { DatasetColumns } from '../engine/columns.ts';

/** The index of a unit by code; NOT_FOUND (not a crash) for a well-formed code that is not there. */
export function unitIndexOf(columns: DatasetColumns, code: string): number {
  const i = columns.admin.index.get(code);
  if (i === undefined) throw new TRPCError({ code: 'NOT_FOUND', message: `no administrative unit ${code} in this dataset` });
  return i;
}
