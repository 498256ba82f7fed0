import { binomial, logNormal, normal, type Rng } from './prng.ts';

/**
 * Synthetic population and child figures per village, calibrated to published national rates
 * (sources in data/README.md). Every figure made here is synthetic.
 */
export type VillageKind = 'rural' | 'urban' | 'other';

/** 村民委员会 are rural villages, 居民委员会 / 社区 urban communities; the rest (farms, ranches) other. */
export function villageKind(name: string): VillageKind {
  if (/(社区|居委会|居民委员会)/.test(name)) return 'urban';
  if (/(村|嘎查)/.test(name)) return 'rural';
  return 'other';
}

interface ProvinceRates {
  /** share of the population aged 0-17 (7th census, 2020: about 21 % nationally; higher in Henan and Xinjiang) */
  childShare: number;
  /** share of rural children left behind (MCA 2018: 6.97 million, concentrated in Sichuan, Henan, Anhui...) */
  leftBehind: number;
  /** share of children in difficult circumstances / poverty (higher in the south-west and Xinjiang) */
  difficult: number;
}

const RATES: Record<string, ProvinceRates> = {
  '14': { childShare: 0.19, leftBehind: 0.06, difficult: 0.035 },
  '41': { childShare: 0.25, leftBehind: 0.11, difficult: 0.035 },
  '51': { childShare: 0.18, leftBehind: 0.12, difficult: 0.045 },
  '53': { childShare: 0.22, leftBehind: 0.07, difficult: 0.055 },
  '65': { childShare: 0.27, leftBehind: 0.025, difficult: 0.05 },
};
const DEFAULT_RATES: ProvinceRates = { childShare: 0.2, leftBehind: 0.07, difficult: 0.035 };

/** Disabled children: 2006 national disability sample survey, about 1.6 % of children. */
const DISABLED_RATE = 0.016;
/** Orphans (~190,000) and de facto unattended (~250,000) children: about 0.15 % of all children, twice that in villages. */
const ORPHANED_RATE = { rural: 0.003, urban: 0.0008, other: 0.002 };

const POPULATION = {
  rural: { median: 1100, sigma: 0.55, min: 60, max: 15000 },
  urban: { median: 3800, sigma: 0.6, min: 300, max: 40000 },
  other: { median: 700, sigma: 0.8, min: 30, max: 15000 },
};

export interface VillageFigures {
  population: number;
  children: number;
  leftBehind: number;
  disabled: number;
  orphaned: number;
  difficult: number;
}

export function villageFigures(rng: Rng, provinceCode: string, kind: VillageKind): VillageFigures {
  const rates = RATES[provinceCode] ?? DEFAULT_RATES;
  const pop = POPULATION[kind];
  const population = Math.round(Math.min(pop.max, Math.max(pop.min, logNormal(rng, pop.median, pop.sigma))));
  const childShare = Math.min(0.45, Math.max(0.08, rates.childShare + 0.025 * normal(rng)));
  const children = Math.round(population * childShare);
  // Villages differ: a local multiplier clusters vulnerability instead of spreading it evenly.
  const local = Math.exp(0.45 * normal(rng));
  const leftBehindRate = kind === 'urban' ? 0.012 : rates.leftBehind;
  return {
    population,
    children,
    leftBehind: binomial(rng, children, Math.min(0.6, leftBehindRate * local)),
    disabled: binomial(rng, children, DISABLED_RATE),
    orphaned: binomial(rng, children, ORPHANED_RATE[kind] * local),
    difficult: binomial(rng, children, Math.min(0.4, (kind === 'urban' ? 0.5 : 1) * rates.difficult * local)),
  };
}

export const vulnerableChildren = (f: VillageFigures): number => f.leftBehind + f.disabled + f.orphaned + f.difficult;
