// The import worker runs outside tsx's main loader: register tsx here, then load the TypeScript
// (as the engine worker does).
import { register } from 'tsx/esm/api';

register();
await import('./import_worker.ts');
