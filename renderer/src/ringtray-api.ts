import { API_KEY, type RingtrayApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    [API_KEY]?: RingtrayApi;
  }
}

/** The preload's API. Missing only if the page was opened outside Ringtray's window. */
export function getRingtrayApi(): RingtrayApi {
  const api = window[API_KEY];
  if (!api) throw new Error('Ringtray API unavailable: this page must run inside the Ringtray app.');
  return api;
}
