import type { DatasetColumns } from '../engine/columns.ts';
import { DatasetAnalysis } from '../engine/dataset_analysis.ts';
import { summarizeUnits, type UnitTotals } from '../engine/summarize_units.ts';
import type { Db } from './db.ts';
import { readColumns } from './read_columns.ts';

export interface LoadedDataset {
  columns: DatasetColumns;
  totals: UnitTotals;
  analysis: DatasetAnalysis;
}

/**
 * Keeps the columns of recently used dataset versions in memory. A version never changes once
 * written, so entries never go stale; the oldest is dropped past `capacity`.
 */
export class DatasetCache {
  private readonly entries = new Map<number, LoadedDataset>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 2,
  ) {}

  get(datasetId: number): LoadedDataset {
    let entry = this.entries.get(datasetId);
    if (entry) {
      this.entries.delete(datasetId);
    } else {
      const columns = readColumns(this.db, datasetId);
      entry = { columns, totals: summarizeUnits(columns), analysis: new DatasetAnalysis(columns) };
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(datasetId, entry);
    return entry;
  }
}
