import { z } from 'zod';

export const datasetIdSchema = z.number().int().positive();

export const datasetSchema = z.object({
  id: datasetIdSchema,
  name: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  source: z.string(),
  /** true when any figure or position in the dataset is synthetic: the interface says so */
  synthetic: z.boolean(),
  note: z.string(),
});
export type Dataset = z.infer<typeof datasetSchema>;

/** Figures for one administrative unit (or the whole dataset). */
export const unitSummarySchema = z.object({
  code: z.string().nullable(),
  name: z.string(),
  level: z.string(),
  villages: z.number(),
  coveredVillages: z.number(),
  population: z.number(),
  children: z.number(),
  leftBehind: z.number(),
  disabled: z.number(),
  orphaned: z.number(),
  difficult: z.number(),
  workers: z.number(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;
