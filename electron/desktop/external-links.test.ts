import { describe, expect, it } from 'vitest';
import { checkExternalUrl, createExternalLinkOpener } from './external-links';
import { DEFAULT_STORED_SETTINGS } from './settings-file';
import { createSettingsStore } from './settings-store';

describe('external links', () => {
  const allowed = ['developer.goto.com', 'crm.example.com'];

  it.each([
    ['http://developer.goto.com/', 'only https'],
    ['javascript:alert(1)', 'only https'],
    ['file:///etc/passwd', 'only https'],
    ['https://user:pw@crm.example.com/', 'credentials'],
    ['https://evil.example/', 'not an allowed host'],
    ['https://crm.example.com.evil.example/', 'not an allowed host'],
    ['not a url', 'not a valid URL'],
  ])('refuses %s', (url, reason) => {
    const result = checkExternalUrl(url, allowed);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('opens allowed https links, reading the allow-list on every call', async () => {
    const opened: string[] = [];
    let hosts = ['developer.goto.com'];
    const open = createExternalLinkOpener({ openExternal: async (u) => void opened.push(u), allowedHosts: () => hosts });
    expect(await open('https://CRM.example.com/c?n=1')).toMatchObject({ opened: false });
    hosts = [...hosts, 'crm.example.com'];
    expect(await open('https://CRM.example.com/c?n=1')).toEqual({ opened: true });
    expect(opened).toEqual(['https://crm.example.com/c?n=1']);
  });

  describe('the CRM host: asked once in a native dialog, remembered', () => {
    // `confirm` stands in for Electron's dialog.showMessageBox (no Electron here); approvals are
    // the real settings store on a key-value backend, re-opened to show they are remembered.
    const setup = (answers: boolean[], values = new Map<string, unknown>()) => {
      const store = createSettingsStore({ get: (k) => values.get(k), set: (k, v) => void values.set(k, v) }, { ...DEFAULT_STORED_SETTINGS, approvedLinkHosts: (values.get('approvedLinkHosts') as string[] | undefined) ?? [] });
      const asked: string[] = [];
      const opened: string[] = [];
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const open = createExternalLinkOpener({
        openExternal: async (u) => void opened.push(u),
        allowedHosts: () => ['developer.goto.com'],
        askHosts: () => ['crm.example.com'],
        approvals: store.approvedLinkHosts,
        confirmHost: async (host) => {
          asked.push(host);
          await gate;
          return answers.shift() ?? false;
        },
      });
      return { open, asked, opened, values, release };
    };

    it('asks before the first link to a new CRM host; two clicks share one dialog; yes is remembered across runs', async () => {
      const first = setup([true]);
      const clicks = [first.open('https://crm.example.com/c?n=1'), first.open('https://crm.example.com/c?n=2')];
      await Promise.resolve();
      expect(first.opened).toEqual([]);
      first.release();
      expect(await Promise.all(clicks)).toEqual([{ opened: true }, { opened: true }]);
      expect(first.asked).toEqual(['crm.example.com']);
      expect(await first.open('https://crm.example.com/c?n=3')).toEqual({ opened: true });
      expect(first.asked).toHaveLength(1);
      const nextRun = setup([], first.values);
      nextRun.release();
      expect(await nextRun.open('https://crm.example.com/c?n=4')).toEqual({ opened: true });
      expect(nextRun.asked).toEqual([]);
    });

    it('no: nothing opens, nothing is remembered, and the next click asks again; GoTo pages never ask', async () => {
      const t = setup([false, true]);
      t.release();
      expect(await t.open('https://crm.example.com/c?n=1')).toEqual({ opened: false, reason: 'links to crm.example.com were not allowed' });
      expect(t.opened).toEqual([]);
      expect(await t.open('https://crm.example.com/c?n=1')).toEqual({ opened: true });
      expect(t.asked).toEqual(['crm.example.com', 'crm.example.com']);
      expect(await t.open('https://developer.goto.com/x')).toEqual({ opened: true });
      expect(await t.open('https://other.example.com/x')).toMatchObject({ opened: false });
      expect(t.asked).toHaveLength(2);
    });
  });
});
