/**
 * The pages `npm run bench:web` measures, in order: one line each. `state` says which console
 * they need: `empty` (a fresh console) runs first, then the console is seeded (seed-console.ts)
 * and the `configured` pages run. Add a page here and it is measured and in the table.
 */
import type { SeededConsole } from './seed-console';

export interface BenchPage {
  name: string;
  /** File name of its report with --report-dir. */
  slug: string;
  path: string | ((seeded: SeededConsole) => string);
  signedIn: boolean;
  state: 'empty' | 'configured';
}

export const BENCH_PAGES: BenchPage[] = [
  { name: 'Sign-in', slug: 'sign-in', path: '/sign-in', signedIn: false, state: 'empty' },
  { name: 'Main page, empty', slug: 'main-empty', path: '/', signedIn: true, state: 'empty' },
  { name: 'Main page, configured', slug: 'main', path: '/', signedIn: true, state: 'configured' },
  {
    name: 'Users (100k people)',
    slug: 'users',
    path: '/users',
    signedIn: true,
    state: 'configured',
  },
  {
    name: 'Person page',
    slug: 'person',
    path: (seeded) => `/users/${seeded.personId}`,
    signedIn: true,
    state: 'configured',
  },
  { name: 'Activity', slug: 'activity', path: '/activity', signedIn: true, state: 'configured' },
  { name: 'Administrators', slug: 'admins', path: '/admins', signedIn: true, state: 'configured' },
  {
    name: 'Applications',
    slug: 'applications',
    path: '/applications',
    signedIn: true,
    state: 'configured',
  },
  { name: 'Webhooks', slug: 'webhooks', path: '/webhooks', signedIn: true, state: 'configured' },
];
