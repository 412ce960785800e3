import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './AppProviders';
import { AppRoutes } from './AppRoutes';
import { createAppQueryClient } from './create-app-query-client';
import { prefetchFor } from './prefetch';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createAppQueryClient();
prefetchFor(window.location.pathname, queryClient);

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
