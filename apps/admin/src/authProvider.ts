import { LoginDocument, LogoutDocument } from '@register/schema';
import type { AuthProvider } from 'react-admin';
import { clearMe, loadMe, rolesOf, setMe } from './access/session';
import { errorCode, toHttpError } from './dataProvider/errors';
import { graphqlClient } from './graphqlClient';

export interface LoginParams {
  username: string;
  password: string;
  totpCode?: string | null;
}

/**
 * The API's own session: `login` sets an httpOnly SameSite=Strict cookie, `me` says who is
 * signed in (kept in memory for the session), `logout` ends it. Roles are the permissions.
 */
export const authProvider: AuthProvider = {
  async login({ username, password, totpCode }: LoginParams) {
    clearMe();
    try {
      const result = await graphqlClient.mutate({
        mutation: LoginDocument,
        variables: { username: username.trim(), password, totpCode: totpCode?.trim() || null },
        fetchPolicy: 'no-cache',
      });
      setMe(result.data?.login ?? null);
    } catch (error) {
      throw toHttpError(error);
    }
  },

  async logout() {
    const wasSignedIn = (await loadMe().catch(() => null)) !== null;
    clearMe();
    await graphqlClient.clearStore();
    if (wasSignedIn) {
      await graphqlClient.mutate({ mutation: LogoutDocument, fetchPolicy: 'no-cache' }).catch(() => undefined);
    }
  },

  async checkAuth() {
    const me = await loadMe();
    if (!me) throw new Error('ra.auth.auth_check_error');
  },

  async checkError(error: unknown) {
    const status = (error as { status?: number } | null)?.status;
    if (status === 401 || errorCode(error) === 'UNAUTHENTICATED') {
      clearMe();
      throw new Error('ra.notification.logged_out');
    }
    if (status === 403) {
      // A denial is normal for a role; but an ended session also looks like one (anonymous
      // callers are denied), so ask the API who we are now.
      const me = await loadMe({ force: true }).catch(() => null);
      if (!me) throw new Error('ra.notification.logged_out');
    }
  },

  async getIdentity() {
    const me = await loadMe();
    if (!me) throw new Error('ra.auth.auth_check_error');
    return { id: me.id, fullName: me.displayName ?? me.name, username: me.name, roles: rolesOf(me) };
  },

  async getPermissions() {
    const me = await loadMe();
    return rolesOf(me);
  },
};
