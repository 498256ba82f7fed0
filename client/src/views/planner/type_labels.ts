import type { ServiceType } from '../../../../server/domain/index.ts';

/** i18n keys of the service type names. */
export const TYPE_LABEL_KEYS: Record<ServiceType, string> = {
  station: 'typeStation',
  health: 'typeHealth',
  school: 'typeSchool',
  disability: 'typeDisability',
  welfare: 'typeWelfare',
  police: 'typePolice',
};
