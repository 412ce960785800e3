/**
 * The app's modules, evaluated a few at a time, one task each, before the app starts. Evaluating
 * all of them in one go (React, MUI and emotion, zod and the contract's schemas) is one task of
 * a few hundred milliseconds on a slow phone, during which the page does not answer a tap; in
 * steps, the browser gets a turn between each. Each step is a dynamic import, so its modules
 * are their own chunks; what a step shares with an earlier one is evaluated once, by the first.
 * Only the order and the grouping are chosen here: start.tsx imports what it needs as usual.
 */
const STEPS: (() => Promise<unknown>)[] = [
  () => import('react-dom/client'),
  () => import('@tanstack/react-query'),
  // MUI's styles, emotion, and the console's theme.
  () => import('./theme'),
  // MUI's button and what every page shares with it (ripples, slots, transitions).
  () => import('@mui/material/Button'),
  () => import('./zod-core'),
  // The contract's schemas, which zod builds as their modules load, a few files at a time, each
  // import standing for its chunk (CONTRACT_STEPS in vite.config.ts).
  () => import('../../shared/api/settings'),
  () => import('../../shared/api/session'),
  () => import('../../shared/api/access-keys'),
  () => import('../../shared/api/incoming-keys'),
  () => import('../../shared/api/activity'),
  () => import('../../shared/api/users'),
  () => import('../../shared/api/webhooks'),
];

/** A new task: the browser paints and handles input before the next step. */
export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function evaluateInSteps(): Promise<void> {
  for (const step of STEPS) {
    await step();
    await nextTask();
  }
}
