import { describe, expect, it } from 'vitest';
import { appHelp, wantsHelp } from '../../electron/desktop/app-help';
import { DEFAULT_ALLOWED_HOSTS } from '../../electron/desktop/external-links';
import { providerEnvPrefix, PROVIDERS } from '../../electron/engine/providers/registry';

// The desktop --help and the always-allowed link hosts are built from the provider registry, so a
// new provider appears in both without editing desktop code.

describe('desktop --help', () => {
  it('names every registered provider and the prefix of its environment variables', () => {
    const help = appHelp();
    for (const p of PROVIDERS) {
      expect(help).toContain(p.displayName);
      expect(help).toContain(`${providerEnvPrefix(p.id)}*`);
    }
    expect(help).toMatch(/^Usage: Ringtray \[options\]/);
    expect(help).toContain('--demo');
    expect(help).toContain('--hidden');
  });

  it('lists one provider without a dangling "or", several with one', () => {
    const [first, second] = PROVIDERS;
    expect(appHelp([first!])).toContain(`rings on your ${first!.displayName} line`);
    expect(appHelp([first!, second!])).toContain(`rings on your ${first!.displayName} or ${second!.displayName} line`);
  });

  it('--help and -h ask for it', () => {
    expect(wantsHelp(['electron', '.', '--help'])).toBe(true);
    expect(wantsHelp(['electron', '.', '-h'])).toBe(true);
    expect(wantsHelp(['electron', '.', '--demo'])).toBe(false);
  });
});

describe('always-allowed link hosts', () => {
  it("are every provider's own link hosts, once each", () => {
    const declared = PROVIDERS.flatMap((p) => p.linkHosts ?? []);
    expect(declared.length).toBeGreaterThan(0);
    expect([...DEFAULT_ALLOWED_HOSTS].sort()).toEqual([...new Set(declared)].sort());
  });
});
