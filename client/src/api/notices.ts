import { useSyncExternalStore } from 'react';
import type { zhCN } from '../i18n/zh-CN.ts';

/**
 * One short message for the whole page when a request is refused for who is asking or for load
 * (forbidden, too many requests, server busy): shown by <Notice>, set from the query cache.
 */
export type NoticeKey = keyof typeof zhCN;
let current: NoticeKey | null = null;
const listeners = new Set<() => void>();

export function showNotice(key: NoticeKey | null): void {
  if (current === key) return;
  current = key;
  for (const l of listeners) l();
}

export function useNotice(): NoticeKey | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

const NOTICE_FOR: Record<string, NoticeKey> = {
  FORBIDDEN: 'noticeForbidden',
  TOO_MANY_REQUESTS: 'noticeTooMany',
  SERVICE_UNAVAILABLE: 'noticeBusy',
  GATEWAY_TIMEOUT: 'noticeTimeout',
};

export function noticeFor(code: string | null): NoticeKey | null {
  return code ? (NOTICE_FOR[code] ?? null) : null;
}
