// A step of evaluate-in-steps.ts: zod's own modules (the chunk vite.config.ts makes of them),
// evaluated on their own before the contract builds its schemas with them. One function, not
// the `z` namespace, so that the chunk keeps only the parts of zod the console uses.
export { object } from 'zod';
