import type { Settings, SettingsPatch } from '../../../shared/settings';

const KEYS = ['activeProvider', 'providers', 'lineFilter', 'doNotDisturb', 'startAtLogin', 'notificationSound', 'crmUrlTemplate', 'logLevel'] as const;

/** Only the parts the user changed, so a save never overwrites a change made elsewhere. */
export function settingsPatch(saved: Settings, draft: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of KEYS) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(draft[key])) patch[key] = draft[key];
  }
  return patch as SettingsPatch;
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return Object.keys(settingsPatch(a, b)).length === 0;
}
