import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createFakesApp } from './fakes/app.js';
import type { FakesEnv } from './fakes/gate.js';
import { createWorld, type World, type WorldOptions } from './fakes/world.js';

/**
 * Serves the fakes on their own loopback port, under `/sandbox` like the app does, so a test or
 * the benchmark can stop and restart the app while Notion, Slack and Intercom keep their state.
 */
export async function startFakesServer(
  options: WorldOptions & { port?: number } = {},
): Promise<{ url: string; world: World; close(): Promise<void> }> {
  const { port = 0, ...worldOptions } = options;
  const world = createWorld(worldOptions);
  const app = new Hono<FakesEnv>().route('/sandbox', createFakesApp(world));
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => resolve({ server: started, address: info }));
    started.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${address.port}/sandbox`,
    world,
    close: () =>
      new Promise<void>((resolve, reject) => {
        world.dispose();
        server.close((err) => (err ? reject(err) : resolve()));
        // Held responses and keep-alive sockets would otherwise keep close() waiting.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
