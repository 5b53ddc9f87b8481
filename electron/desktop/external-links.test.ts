import { describe, expect, it } from 'vitest';
import { checkExternalUrl, createExternalLinkOpener } from './external-links';

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
});
