/**
 * zod decides at schema construction whether to compile parsers with `new Function`, probing for
 * it once; under this CSP (no 'unsafe-eval') the probe is reported as a violation. Parsing a few
 * small answers needs no compiled parsers, so turn them off before any schema exists. zod keeps
 * its settings in `globalThis.__zod_globalConfig` (one object for every copy of zod on a page)
 * and adopts what it finds there, so the entry sets it without loading zod itself: zod is then
 * not part of what downloads before the first paint.
 */
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig ??= {};
scope.__zod_globalConfig.jitless = true;
