import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { hasEmbeddedAnswers } from '../lib/api-client';
import { BrowserRouter } from '../lib/router';
import { AppProviders } from './AppProviders';
import { AppRoutes } from './AppRoutes';
import { createAppQueryClient } from './create-app-query-client';
import { prefetchFor } from './prefetch';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createAppQueryClient();
const embedded = hasEmbeddedAnswers();
const firstScreen = prefetchFor(window.location, queryClient);
// With the answers in the page, the data is ready as soon as the page's code is: render once,
// complete, rather than a loading state and then the page.
if (embedded) await firstScreen;

// As a transition, React renders the first screen in slices of a few milliseconds, yielding to
// the browser between them, instead of in one long task that blocks input on a slow phone.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
});
