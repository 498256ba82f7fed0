export * from './admin.ts';
export * from './village.ts';
export * from './worker.ts';
export * from './service.ts';
export * from './dataset.ts';
export * from './analysis.ts';
export * from './planning.ts';
export * from './reach.ts';
