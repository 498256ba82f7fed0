import type { zhCN } from '../../i18n/zh-CN.ts';

type Key = keyof typeof zhCN;

/** The interface's name of each import field (the project's CSV column names). */
export const FIELD_LABEL_KEYS: Record<string, Key> = {
  code: 'fieldCode',
  name: 'fieldName',
  lon: 'fieldLon',
  lat: 'fieldLat',
  population: 'population',
  children: 'children',
  left_behind: 'leftBehind',
  disabled: 'disabled',
  orphaned: 'orphaned',
  difficult: 'difficult',
  covered_since: 'fieldCoveredSince',
  township_code: 'fieldTownshipCode',
  county_code: 'fieldCountyCode',
  id: 'fieldId',
  home_village: 'fieldHomeVillage',
  capacity: 'fieldCapacity',
  start_year: 'fieldStartYear',
  roster: 'fieldRoster',
  type: 'fieldType',
  admin_code: 'fieldAdminCode',
};

export const KIND_KEYS = { villages: 'kindVillages', workers: 'kindWorkers', services: 'kindServices', boundaries: 'kindBoundaries', dataset: 'kindDataset' } as const satisfies Record<string, Key>;
export const CRS_KEYS = { wgs84: 'crsWgs84', gcj02: 'crsGcj02', bd09: 'crsBd09' } as const satisfies Record<string, Key>;
export const LAYER_KEYS = { provinces: 'layerProvinces', prefectures: 'layerPrefectures', counties: 'layerCounties', townships: 'layerTownships' } as const satisfies Record<string, Key>;
export const PHASE_KEYS = {
  queued: 'phaseQueued',
  reading: 'phaseReading',
  checking: 'phaseChecking',
  writing: 'phaseWriting',
  done: 'phaseDone',
  failed: 'phaseFailed',
  cancelled: 'phaseCancelled',
} as const satisfies Record<string, Key>;
export const CONFIDENCE_KEYS = { exact: 'confidenceExact', partial: 'confidencePartial', manual: 'confidenceManual', none: 'confidenceNone' } as const satisfies Record<string, Key>;
