import type { AppStatus } from '../status';
import type { z } from 'zod';
import type { appVersionSchema } from './schemas';

export type AppVersion = z.output<typeof appVersionSchema>;

/**
 * What the preload exposes to the renderer as `window.ringtray`: named functions only, never a
 * generic send/invoke (Electron security checklist: do not expose IPC primitives).
 */
export interface RingtrayApi {
  getVersion(): Promise<AppVersion>;
  /** Subscribes to status pushes; returns the unsubscribe function. */
  onStatusChanged(listener: (status: AppStatus) => void): () => void;
}

export const API_KEY = 'ringtray' as const;
