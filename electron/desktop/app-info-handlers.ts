import { INVOKE } from '../../shared/ipc/channels';
import type { IpcRouter } from './ipc/ipc-router';

export interface AppInfo {
  name: string;
  version: string;
  electronVersion: string | null;
  platform: string;
}

export function registerAppInfoHandlers(router: IpcRouter, info: AppInfo): void {
  router.handle(INVOKE.getVersion, () => ({
    name: info.name,
    version: info.version,
    electron: info.electronVersion,
    platform: info.platform,
  }));
}
