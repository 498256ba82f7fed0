import type { zhCN } from './zh-CN.ts';

export const en: Record<keyof typeof zhCN, string> = {
  title: 'Rural child welfare coverage',
  allUnits: 'All demonstration provinces',
  allPrefectures: 'All prefectures',
  province: 'Province',
  prefecture: 'Prefecture',
  villages: 'Villages',
  coveredVillages: 'Covered villages',
  children: 'Children (0–17)',
  workers: 'Child welfare workers',
  covered: 'Covered',
  notCovered: 'Not covered',
  legendTitle: 'Village coverage',
  syntheticBadge: 'Synthetic data',
  syntheticNote:
    'Demonstration data: village names and codes are real (NBS 2023); village positions, population, child counts, workers and service points are synthetic.',
  loading: 'Loading…',
  loadError: 'Could not load',
  language: '中文',
  unitVillages: '{{count}}',
  unitPeople: '{{count}}',
};
