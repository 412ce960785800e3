import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { mockBackend } from './mock-backend';
import { contractViolations, sentRequests, server } from './msw';

// Lazy pages compile on first use; a busy CI machine needs more than the default second.
configure({ asyncUtilTimeout: 5000 });

const unhandledRequests: string[] = [];

beforeAll(() => {
  server.listen({
    onUnhandledRequest: (request, print) => {
      unhandledRequests.push(`${request.method} ${request.url}`);
      print.error();
    },
  });
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  mockBackend.reset();
  const problems = [
    ...contractViolations,
    ...unhandledRequests.map((r) => `unhandled request ${r}`),
  ];
  contractViolations.length = 0;
  unhandledRequests.length = 0;
  sentRequests.length = 0;
  expect(problems, 'MSW saw requests or replies outside the contract').toEqual([]);
});

afterAll(() => server.close());

// jsdom lacks matchMedia, which MUI's media queries read.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
