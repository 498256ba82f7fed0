// zod compiles object schemas with `new Function` when it may, and probes whether it may each
// time an object schema is built; under the dashboard's Content-Security-Policy (no
// 'unsafe-eval') the probe itself is reported as a violation. Without the compiler zod parses
// the same, a little slower, and never asks. zod reads this global when it loads and schemas are
// built as the app's modules load, so it is set here, by a plain script that runs before them
// (a module of the app would be bundled after zod).
(globalThis.__zod_globalConfig ??= {}).jitless = true;
