import { useRef, type FormEvent, type ReactNode } from 'react';
import { LOG_LEVEL_VALUES, type Settings } from '../../../shared/settings';
import { CheckboxField } from './CheckboxField';
import { FormField } from './FormField';
import { PlainTextInput } from './PlainTextInput';
import { LineFilterField } from './LineFilterField';
import { ProviderSection } from './ProviderSection';
import { useSettingsForm } from './use-settings-form';
import { unclaimedErrors } from './validate-settings';

const LOG_LEVEL_LABELS: Record<Settings['logLevel'], string> = {
  debug: 'Debug (everything, for troubleshooting)',
  info: 'Info (default)',
  warn: 'Warnings',
  error: 'Errors only',
};

/** All user settings in one form, saved together; errors appear next to their field. */
export function SettingsScreen({ footer }: { footer?: ReactNode }) {
  const form = useSettingsForm();
  const formRef = useRef<HTMLFormElement>(null);
  const { view, draft } = form;

  if (form.loadError) {
    return (
      <div className="banner banner-error" role="alert">
        <span>{form.loadError}</span>
        <button type="button" className="button button-small" onClick={form.reload}>
          Retry
        </button>
      </div>
    );
  }
  if (!view || !draft) {
    return (
      <p className="empty-state" role="status">
        Loading settings…
      </p>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit().then((ok) => {
      // Move focus to the first field that needs fixing, so keyboard users land on it.
      if (!ok) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    });
  };

  const stray = unclaimedErrors(form.serverErrors);
  const saving = form.save.state === 'saving';

  return (
    <form ref={formRef} className="settings-form" onSubmit={onSubmit} noValidate aria-label="Settings">
      {stray.length > 0 && (
        <div className="banner banner-error" role="alert">
          {stray.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {form.descriptor && form.providers && (
      <ProviderSection
        view={view}
        draft={draft}
        providers={form.providers}
        descriptor={form.descriptor}
        secret={form.secret}
        errorFor={form.errorFor}
        update={form.update}
        touch={form.touch}
        changeSecret={form.changeSecret}
        removeSecret={form.removeSecret}
      />
      )}
      <section className="settings-section" aria-labelledby="calls-heading">
        <h3 id="calls-heading">Calls and notifications</h3>
        <LineFilterField value={draft.lineFilter} error={form.errorFor('lineFilter')} onChange={(lineFilter) => form.update('lineFilter', (s) => ({ ...s, lineFilter }))} />
        <CheckboxField
          label="Do Not Disturb"
          hint="Keep listing calls, but show no notifications."
          checked={draft.doNotDisturb}
          onChange={(doNotDisturb) => form.update('doNotDisturb', (s) => ({ ...s, doNotDisturb }))}
        />
        <CheckboxField
          label="Notification sound"
          hint="Play the system sound with each incoming call."
          checked={draft.notificationSound}
          onChange={(notificationSound) => form.update('notificationSound', (s) => ({ ...s, notificationSound }))}
        />
        <CheckboxField
          label="Start at login"
          hint="Open Ringtray in the tray when you log in."
          checked={draft.startAtLogin}
          onChange={(startAtLogin) => form.update('startAtLogin', (s) => ({ ...s, startAtLogin }))}
        />
      </section>
      <section className="settings-section" aria-labelledby="crm-heading">
        <h3 id="crm-heading">CRM and diagnostics</h3>
        <FormField
          label="CRM link"
          error={form.errorFor('crmUrlTemplate')}
          hint={
            <>
              An https:// link with <code>{'{number}'}</code> where the caller&rsquo;s number goes, e.g.{' '}
              <code>{'https://crm.example.com/search?phone={number}'}</code>. Leave empty to hide &ldquo;Open in CRM&rdquo;.
            </>
          }
        >
          {(control) => (
            <PlainTextInput
              control={control}
              inputMode="url"
              value={draft.crmUrlTemplate}
              onChange={(value) => form.update('crmUrlTemplate', (s) => ({ ...s, crmUrlTemplate: value }))}
              onBlur={() => form.touch('crmUrlTemplate')}
            />
          )}
        </FormField>
        <FormField label="Log level" error={form.errorFor('logLevel')}>
          {(control) => (
            <select {...control} value={draft.logLevel} onChange={(event) => form.update('logLevel', (s) => ({ ...s, logLevel: event.target.value as Settings['logLevel'] }))}>
              {LOG_LEVEL_VALUES.map((level) => (
                <option key={level} value={level}>
                  {LOG_LEVEL_LABELS[level]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </section>
      {footer}
      <div className="form-actions">
        <p className="save-state" role="status">
          {form.save.state === 'saved' && !form.dirty && <span className="saved">✓ Saved</span>}
          {form.save.state === 'saving' && 'Saving…'}
          {form.dirty && form.save.state === 'idle' && (form.blocked ? 'Not saved — see the messages under the fields.' : 'Unsaved changes')}
        </p>
        {form.save.state === 'failed' && (
          <p className="field-error" role="alert">
            {form.save.message}
          </p>
        )}
        <button type="button" className="button" onClick={form.discard} disabled={!form.dirty || saving}>
          Discard
        </button>
        <button type="submit" className="button button-primary" disabled={!form.dirty || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
