// The notification-channel API (docs/providers/goto.md#notification-channel): create → 201 with the socket
// URL, extend by PUT (either form GoTo documents) → 200, delete → 204, and 404 once a channel is
// gone (deleted, expired, or retired after WEBSOCKET_TO_BE_CLOSED) — the client's cue to build a
// new channel. The socket URL is ws://127.0.0.1:PORT/ws/<channelId>?t=<opaque>; clients must use
// it as given ("never build it").
import type { ApiDeps } from './api-deps';
import { ownedChannel } from './api-deps';
import type { Channel } from './channel-store';
import { ApiError, readJson, sendEmpty, sendJson } from '../common/http-io';
import type { Route } from '../common/http-router';
import { channelBody, extendBody, lifetimeBody } from './request-schemas';

const BASE = '/notification-channel/v1/channels';
const NICKNAME = /^[A-Za-z0-9._-]{1,64}$/;

export function channelRoutes(deps: ApiDeps): Route[] {
  const describe = (channel: Channel): Record<string, unknown> => ({
    channelId: channel.id,
    channelNickname: channel.nickname,
    channelData: {
      channelType: channel.channelType,
      channelURL: `${deps.origin().replace(/^http/, 'ws')}/ws/${channel.id}?t=${channel.urlToken}`,
      isConnected: deps.hub.isConnected(channel.id),
    },
    channelLifetime: channel.lifetimeSeconds,
  });

  return [
    {
      method: 'POST',
      path: `${BASE}/:nickname`,
      handler: async ({ req, res, params, principal }) => {
        const nickname = params.nickname ?? '';
        const body = await readJson(req, channelBody);
        if (!NICKNAME.test(nickname)) throw new ApiError(400, 'INVALID_REQUEST', 'Nickname must be 1–64 of A-Z a-z 0-9 . _ -.');
        sendJson(res, 201, describe(deps.channels.create(principal, nickname, body.channelType)));
      },
    },
    {
      method: 'PUT',
      path: `${BASE}/:nickname/:channelId`,
      handler: async ({ req, res, params, principal }) => {
        await readJson(req, extendBody);
        const channel = ownedChannel(deps, params.channelId ?? '', principal, params.nickname);
        sendJson(res, 200, describe(deps.channels.extend(channel.id) ?? channel));
      },
    },
    {
      method: 'PUT',
      path: `${BASE}/:nickname/:channelId/channel-lifetime`,
      handler: async ({ req, res, params, principal }) => {
        const body = await readJson(req, lifetimeBody);
        const channel = ownedChannel(deps, params.channelId ?? '', principal, params.nickname);
        const extended = deps.channels.extend(channel.id, body?.channelLifetime) ?? channel;
        sendJson(res, 200, { channelLifetime: extended.lifetimeSeconds });
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/:nickname/:channelId`,
      handler: ({ res, params, principal }) => {
        const channel = ownedChannel(deps, params.channelId ?? '', principal, params.nickname);
        deps.channels.end(channel.id, 'deleted');
        sendEmpty(res, 204);
      },
    },
  ];
}
