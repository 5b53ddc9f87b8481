// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RingtrayApiProvider } from '../../renderer/src/api/api-context';
import { ProxySignIn } from '../../renderer/src/network/ProxySignIn';
import { parseRoute } from '../../renderer/src/routing/parse-route';
import { createFakeApi } from './support/fake-ringtray-api';

// The proxy sign-in window's page, in jsdom, driven by the keyboard only.

afterEach(() => cleanup());
let fake: ReturnType<typeof createFakeApi>;
let closed: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fake = createFakeApi();
  closed = vi.fn();
  window.close = closed as unknown as typeof window.close;
});
const show = (refused = false) =>
  render(
    <RingtrayApiProvider api={fake.api}>
      <ProxySignIn proxy="proxy.corp:3128" refused={refused} />
    </RingtrayApiProvider>,
  );

describe('the proxy sign-in window', () => {
  it('opens on the user name; typing and Enter send the credentials and close the window', async () => {
    show();
    expect(screen.getByText(/^The proxy server/).textContent).toBe('The proxy server proxy.corp:3128 asks for a user name and password. Ringtray keeps them in the system keychain.');
    expect(document.activeElement).toBe(screen.getByLabelText('User name'));
    const user = userEvent.setup();
    await user.keyboard('jo.reception');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
    await user.keyboard('s3cret pass{Enter}');
    await waitFor(() => expect(closed).toHaveBeenCalledTimes(1));
    expect(fake.api.answerProxySignIn).toHaveBeenCalledWith('proxy.corp:3128', { username: 'jo.reception', password: 's3cret pass' });
  });

  it('Escape cancels: the answer is null', async () => {
    show(true);
    expect(screen.getByText(/^The proxy server/).textContent).toBe('The proxy server proxy.corp:3128 refused the user name and password. Enter them again. Ringtray keeps them in the system keychain.');
    await userEvent.setup().keyboard('{Escape}');
    await waitFor(() => expect(closed).toHaveBeenCalledTimes(1));
    expect(fake.api.answerProxySignIn).toHaveBeenCalledWith('proxy.corp:3128', null);
  });

  it('a user name with ":" is refused in place (Basic auth cannot carry it)', async () => {
    show();
    await userEvent.setup().keyboard('a:b{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('A user name for a proxy cannot contain ":".');
    expect(fake.api.answerProxySignIn).not.toHaveBeenCalled();
  });

  it('is reached by its route', () => {
    expect(parseRoute('#/proxy-sign-in/proxy.corp%3A3128')).toEqual({ name: 'proxy-sign-in', proxy: 'proxy.corp:3128', refused: false });
    expect(parseRoute('#/proxy-sign-in/%5B%3A%3A1%5D%3A8080/refused')).toEqual({ name: 'proxy-sign-in', proxy: '[::1]:8080', refused: true });
    expect(parseRoute('#/proxy-sign-in/a%2Fb<script>')).toEqual({ name: 'main' });
  });
});
