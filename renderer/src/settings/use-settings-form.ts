import { useCallback, useEffect, useRef, useState } from 'react';
import type { SettingsView } from '../../../shared/ipc/api';
import type { Settings } from '../../../shared/settings';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { activeDescriptor, useProviders } from '../providers/use-providers';
import { sameSettings, settingsPatch } from './settings-patch';
import { serverErrorFor, validateSettings, type FieldErrors, type FieldKey } from './validate-settings';

export type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: number } | { state: 'failed'; message: string };

/**
 * The settings form: a draft edited locally, saved on demand. Pushes from main (another window,
 * the tray) replace the form only while it has no unsaved edits, so typing is never clobbered.
 */
export function useSettingsForm() {
  const api = useRingtrayApi();
  const [view, setView] = useState<SettingsView | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  // The client secret is write-only: held here until saved, then dropped.
  const [secret, setSecret] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });

  const dirty = Boolean(view && draft && (!sameSettings(view.settings, draft) || secret !== ''));
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  const adopt = useCallback((next: SettingsView) => {
    setView(next);
    setDraft(next.settings);
  }, []);

  const load = useCallback(() => {
    setLoadError(null);
    api.getSettings().then(adopt, (error: unknown) => setLoadError(errorMessage(error)));
  }, [api, adopt]);

  useEffect(() => {
    load();
    return api.onSettingsChanged((next) => {
      if (dirtyRef.current) {
        // Keep the user's edits; still learn about the stored secret and the saved values.
        setView(next);
      } else {
        adopt(next);
      }
    });
  }, [api, load, adopt]);

  const providers = useProviders();
  const descriptor = activeDescriptor(providers, draft?.activeProvider);
  const clientErrors = draft ? validateSettings(draft, descriptor) : {};
  /** A save was refused (here or by main) and the messages are showing. */
  const blocked = Object.keys(serverErrors).length > 0 || (submitted && Object.keys(clientErrors).length > 0);

  const errorFor = (key: FieldKey): string | undefined => {
    const client = clientErrors[key];
    if (client && (submitted || touched.has(key))) return client;
    return serverErrorFor(serverErrors, key);
  };

  const update = (key: FieldKey, change: (settings: Settings) => Settings) => {
    setDraft((current) => (current ? change(current) : current));
    setServerErrors((errors) => withoutKey(errors, key));
    setSave((s) => (s.state === 'saved' || s.state === 'failed' ? { state: 'idle' } : s));
  };

  const touch = (key: FieldKey) => setTouched((set) => (set.has(key) ? set : new Set(set).add(key)));

  const changeSecret = (value: string) => {
    setSecret(value);
    setServerErrors((errors) => withoutKey(errors, 'clientSecret'));
    setSave((s) => (s.state === 'saved' || s.state === 'failed' ? { state: 'idle' } : s));
  };

  /** Validates, stores the secret (if typed), then saves the changed settings. */
  const submit = async (): Promise<boolean> => {
    if (!view || !draft) return false;
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return false;
    setSave({ state: 'saving' });
    try {
      let current = view;
      if (secret) {
        try {
          const stored = await api.setClientSecret(secret);
          current = { ...current, hasClientSecret: true, secretStorage: stored.storedIn, secretStorageMessage: stored.message };
          setView(current);
          setSecret('');
        } catch (error) {
          setServerErrors({ clientSecret: errorMessage(error) });
          setSave({ state: 'idle' });
          return false;
        }
      }
      const patch = settingsPatch(current.settings, draft);
      if (Object.keys(patch).length > 0) {
        const result = await api.updateSettings(patch);
        if (!result.ok) {
          setServerErrors(result.fieldErrors);
          setSave({ state: 'idle' });
          return false;
        }
        adopt(result.view);
      }
      setServerErrors({});
      setSave({ state: 'saved', at: Date.now() });
      return true;
    } catch (error) {
      setSave({ state: 'failed', message: errorMessage(error) });
      return false;
    }
  };

  /** Deletes the stored secret (main signs out first for an API key); the form's edits stay. */
  const removeSecret = async (): Promise<void> => {
    try {
      await api.removeClientSecret();
      setView(await api.getSettings());
      setServerErrors((errors) => withoutKey(errors, 'clientSecret'));
    } catch (error) {
      setServerErrors((errors) => ({ ...errors, clientSecret: errorMessage(error) }));
    }
  };

  const discard = () => {
    if (view) setDraft(view.settings);
    setSecret('');
    setServerErrors({});
    setTouched(new Set());
    setSubmitted(false);
    setSave({ state: 'idle' });
  };

  return { view, draft, providers, descriptor, secret, loadError, serverErrors, dirty, blocked, save, clientErrors, errorFor, update, touch, changeSecret, removeSecret, submit, discard, reload: load };
}

function withoutKey(errors: FieldErrors, key: string): FieldErrors {
  const matching = Object.keys(errors).filter((k) => k === key || k.startsWith(`${key}.`) || key.endsWith(`.${k}`));
  if (matching.length === 0) return errors;
  const next = { ...errors };
  for (const k of matching) delete next[k];
  return next;
}
