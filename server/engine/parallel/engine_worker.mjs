// The worker runs outside Vite and tsx's main loader: register tsx here, then load the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./engine_worker.ts');
