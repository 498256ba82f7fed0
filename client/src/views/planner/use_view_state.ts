import { useCallback, useEffect, useState } from 'react';
import { parseViewState, serializeViewState, type ViewState } from './view_state.ts';

/** The view state, read from and written to the URL; back and forward move between views. */
export function useViewState(): [ViewState, (change: Partial<ViewState>) => void] {
  const [state, setState] = useState(() => parseViewState(window.location.search));
  useEffect(() => {
    const onPop = () => setState(parseViewState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((change: Partial<ViewState>) => {
    setState((prev) => {
      const next = { ...prev, ...change };
      const url = `${window.location.pathname}${serializeViewState(next)}`;
      // a new unit or village is a step the back button should undo; other changes are not
      if (next.unit !== prev.unit || next.village !== prev.village) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      return next;
    });
  }, []);
  return [state, update];
}
