import { z } from 'zod';

/**
 * The five administrative levels and the length of their National Bureau of Statistics codes.
 * A unit's code starts with its parent's code, so ancestry is read from the code itself.
 */
export const ADMIN_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export const CODE_LENGTH: Record<AdminLevel, number> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
};

export const adminLevelSchema = z.enum(ADMIN_LEVELS);

/** Any administrative code: 2, 4, 6, 9 or 12 digits. */
export const adminCodeSchema = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'an administrative code has 2, 4, 6, 9 or 12 digits');

export const villageCodeSchema = z.string().regex(/^\d{12}$/, 'a village code has 12 digits');

export function levelOfCode(code: string): AdminLevel {
  const level = ADMIN_LEVELS.find((l) => CODE_LENGTH[l] === code.length);
  if (!level) throw new Error(`not an administrative code: ${code}`);
  return level;
}

/** The code of the unit at `level` that contains the unit with `code`. */
export function ancestorCode(code: string, level: AdminLevel): string {
  return code.slice(0, CODE_LENGTH[level]);
}

export function parentCode(code: string): string | null {
  const i = ADMIN_LEVELS.indexOf(levelOfCode(code));
  return i === 0 ? null : ancestorCode(code, ADMIN_LEVELS[i - 1]);
}

/** An administrative unit above village level (villages carry more, see village.ts). */
export const adminUnitSchema = z.object({
  code: adminCodeSchema,
  level: adminLevelSchema,
  name: z.string().min(1),
  parentCode: adminCodeSchema.nullable(),
});
export type AdminUnit = z.infer<typeof adminUnitSchema>;
