// Who is signed in. The token lives in sessionStorage only: it ends with the tab, never goes into a URL and is
// sent only as the Authorization header to this origin.

const KEY = 'skillpath.token';

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + (4 - (part.length % 4)) % 4, '=')));
  } catch {
    return null;
  }
}

export const session = {
  token() {
    const token = sessionStorage.getItem(KEY);
    if (!token) return null;
    const c = claims(token);
    if (!c || (c.exp && c.exp * 1000 < Date.now())) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return token;
  },
  signIn(token) {
    if (!claims(token)) throw new Error('That is not a JSON Web Token.');
    sessionStorage.setItem(KEY, token);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
  },
  /** The signed-in user's name (the token's subject) and roles, or null. */
  user() {
    const token = this.token();
    const c = token && claims(token);
    return c ? { id: c.sub, roles: Array.isArray(c.groups) ? c.groups : [] } : null;
  },
  isAuthor() {
    const u = this.user();
    return Boolean(u && (u.roles.includes('author') || u.roles.includes('admin')));
  },
};
