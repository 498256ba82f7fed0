import { StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { makeTrpcClient, TRPCProvider } from './api/trpc.ts';
import { errorCodeOf, loginUrl, worthRetrying } from './api/errors.ts';
import { noticeFor, showNotice } from './api/notices.ts';
import { routeFor } from './views/routes.ts';
import { AuthGate } from './views/common/AuthGate.tsx';
import { Notice } from './views/common/Notice.tsx';
import './i18n/index.ts';
// Noto Sans SC (OFL) for browsers without a Chinese font: Vite bundles the files, so they come
// from our own origin, and the browser fetches only the character subsets it draws and only
// when no system font in the stack (styles.css, LABEL_FONT) has them. Headings use the browser's synthetic bold: a second weight would add 45 KB of CSS for everyone.
import '@fontsource/noto-sans-sc/400.css';
import './styles.css';

/** A read refused for want of a session goes to sign-in; one refused for role or load says so briefly. */
function onQueryError(err: unknown): void {
  const code = errorCodeOf(err);
  if (code === 'UNAUTHORIZED' && window.location.pathname !== '/login') window.location.assign(loginUrl());
  else {
    const notice = noticeFor(code);
    if (notice) showNotice(notice);
  }
}

/** A change refused because the session ended goes to sign-in, one refused for role says so; other failures are the form's to show. */
function onMutationError(err: unknown): void {
  const code = errorCodeOf(err);
  if (code === 'UNAUTHORIZED' && window.location.pathname !== '/login') window.location.assign(loginUrl());
  else if (code === 'FORBIDDEN') showNotice('noticeForbidden');
}

function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onQueryError }),
        mutationCache: new MutationCache({ onError: onMutationError }),
        defaultOptions: { queries: { staleTime: 60_000, retry: (count, err) => count < 1 && worthRetrying(err) } },
      }),
  );
  const [trpcClient] = useState(makeTrpcClient);
  const route = routeFor(window.location.pathname);
  const Page = route.page;
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <AuthGate route={route}>
          <Suspense fallback={null}>
            <Page />
          </Suspense>
        </AuthGate>
        <Notice />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
