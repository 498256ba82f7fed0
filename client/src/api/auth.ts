import { useMutation, useQuery } from '@tanstack/react-query';
import { roleAtLeast, type Role } from '../../../server/domain/user.ts';
import { useTRPC } from './trpc.ts';

/** Who is signed in (the local planner in local mode); kept for the page's life. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: Infinity, retry: false });
}

/** Whether the current user has at least `role`; false while unknown. */
export function useHasRole(role: Role): boolean {
  const me = useMe().data;
  return !!me?.user && roleAtLeast(me.user.role, role);
}

export function useLogout() {
  const trpc = useTRPC();
  return useMutation({ ...trpc.auth.logout.mutationOptions(), onSuccess: () => window.location.assign('/login') });
}
