import { useEffect, useState } from 'react';
import { RecentCalls } from '../recent/RecentCalls';
import { SettingsScreen } from '../settings/SettingsScreen';
import { SignInScreen } from '../sign-in/SignInScreen';
import { AppHeader } from '../status/AppHeader';
import { needsSignIn } from '../status/status-labels';
import type { AppStatusState } from '../status/use-app-status';
import { AccountPanel } from './AccountPanel';
import { Tabs, panelId, tabId, type TabDef } from './Tabs';

type TabKey = 'calls' | 'settings';

/**
 * The main window (index.html#/): recent calls and settings; while the app needs a sign-in the
 * first tab is the sign-in screen instead. Both panels stay mounted so unsaved settings survive
 * switching tabs.
 */
export function MainWindow({ appStatus }: { appStatus: AppStatusState }) {
  const [tab, setTab] = useState<TabKey>('calls');
  const { status } = appStatus;
  const signIn = status != null && needsSignIn(status.state);

  useEffect(() => {
    document.title = 'Ringtray';
  }, []);

  const tabs: TabDef<TabKey>[] = [
    { key: 'calls', label: signIn ? 'Sign in' : 'Recent calls' },
    { key: 'settings', label: 'Settings' },
  ];

  return (
    <div className="window main-window">
      <AppHeader title="Ringtray" status={status} statusError={appStatus.error}>
        <Tabs tabs={tabs} selected={tab} onSelect={setTab} label="Ringtray" />
      </AppHeader>
      <main className="main-body">
        <div role="tabpanel" id={panelId('calls')} aria-labelledby={tabId('calls')} hidden={tab !== 'calls'} className="panel">
          {/* Wait for the status before choosing, so a signed-out start does not flash the list. */}
          {status == null && !appStatus.error ? null : signIn ? <SignInScreen status={status} onOpenSettings={() => setTab('settings')} /> : <RecentCalls />}
        </div>
        <div role="tabpanel" id={panelId('settings')} aria-labelledby={tabId('settings')} hidden={tab !== 'settings'} className="panel panel-scroll">
          <SettingsScreen footer={<AccountPanel status={status} />} />
        </div>
      </main>
    </div>
  );
}
