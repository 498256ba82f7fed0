import { StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { makeTrpcClient, TRPCProvider } from './api/trpc.ts';
import { routeFor } from './views/routes.ts';
import './i18n/index.ts';
// Noto Sans SC (OFL) for browsers without a Chinese font: Vite bundles the files, so they come
// from our own origin, and the browser fetches only the character subsets it draws and only
// when no system font in the stack (styles.css, LABEL_FONT) has them. Headings use the browser's synthetic bold: a second weight would add 45 KB of CSS for everyone.
import '@fontsource/noto-sans-sc/400.css';
import './styles.css';

function App() {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1 } } }));
  const [trpcClient] = useState(makeTrpcClient);
  const Page = routeFor(window.location.pathname).page;
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Suspense fallback={null}>
          <Page />
        </Suspense>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
