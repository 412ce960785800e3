import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './app/AppProviders';
import { AppRoutes, preloadPageFor } from './app/AppRoutes';
import { createAppQueryClient } from './app/create-app-query-client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

preloadPageFor(window.location.pathname);

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={createAppQueryClient()}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
