import { z } from 'zod';
import { villageCodeSchema } from './admin.ts';
import { latSchema, lonSchema } from './village.ts';

/** A village child welfare worker ("barefoot social worker", 儿童主任). */
export const workerSchema = z.object({
  id: z.string().min(1).max(64),
  homeVillage: villageCodeSchema,
  lon: lonSchema,
  lat: latSchema,
  /** villages on the worker's roster, the home village first */
  roster: z.array(villageCodeSchema).min(1),
  /** how many vulnerable children the worker can follow */
  capacity: z.number().int().positive(),
  startYear: z.number().int().min(2000).max(2100),
});
export type Worker = z.infer<typeof workerSchema>;
