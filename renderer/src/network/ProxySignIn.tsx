import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';

/**
 * The small window main opens when the proxy answers 407 (index.html#/proxy-sign-in/<host:port>):
 * user name and password, kept in the keychain by main. Enter signs in, Escape cancels; the user
 * name field has focus when the window opens.
 */
export function ProxySignIn({ proxy, refused }: { proxy: string; refused: boolean }) {
  const api = useRingtrayApi();
  const ids = { user: useId(), password: useId(), intro: useId() };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Proxy sign-in — Ringtray';
  }, []);

  const answer = async (credentials: { username: string; password: string } | null) => {
    setBusy(true);
    setError(null);
    try {
      await api.answerProxySignIn(proxy, credentials);
      window.close();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.includes(':')) return setError('A user name for a proxy cannot contain ":".');
    void answer({ username, password });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') void answer(null);
  };

  return (
    <div className="window proxy-sign-in" onKeyDown={onKeyDown}>
      <main className="report-body">
        <h1>Proxy sign-in</h1>
        <p id={ids.intro}>
          {refused ? `The proxy server ${proxy} refused the user name and password. Enter them again.` : `The proxy server ${proxy} asks for a user name and password.`} Ringtray keeps them
          in the system keychain.
        </p>
        <form onSubmit={submit} aria-describedby={ids.intro}>
          <div className="field">
            <label className="field-label" htmlFor={ids.user}>
              User name
            </label>
            <input id={ids.user} type="text" autoComplete="username" autoFocus required maxLength={1024} value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.password}>
              Password
            </label>
            <input id={ids.password} type="password" autoComplete="current-password" maxLength={1024} value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={() => void answer(null)} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy || username.length === 0}>
              Sign in
            </button>
          </div>
        </form>
      </main>
    </div>
  );
}
