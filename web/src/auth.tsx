import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from './api';
import type { Role, User } from './types';

export type Session = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; user: User };

interface Auth {
  session: Session;
  user: User | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  useEffect(() => {
    let isCurrent = true;
    api.session().then(
      (answer) => {
        if (!isCurrent) return;
        setSession(
          answer.authenticated ? { status: 'signed-in', user: answer.user } : { status: 'anonymous' },
        );
      },
      // Any failure (offline, a server error) leaves them browsing anonymously.
      () => isCurrent && setSession({ status: 'anonymous' }),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { user } = await api.login(username, password);
    setSession({ status: 'signed-in', user });
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo<Auth>(() => {
    const user = session.status === 'signed-in' ? session.user : null;
    return {
      session,
      user,
      login,
      logout,
      hasRole: (...roles) => user !== null && roles.includes(user.role),
    };
  }, [session, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
