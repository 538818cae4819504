import { startFakesServer } from '../src/sandbox/fakes-server.js';

/**
 * The Notion, Slack and Intercom fakes in a process of their own, so the app's resident memory is
 * measured without 50,000 stored pages next to it. Runs until the benchmark disconnects.
 */
const { tickets } = JSON.parse(process.argv[2] ?? '{}') as { tickets: number };

try {
  const fakes = await startFakesServer({ seed: { generatedTickets: tickets } });
  process.send?.({ ready: fakes.url });
  process.once('disconnect', () => {
    void fakes.close().finally(() => process.exit(0));
  });
} catch (err) {
  process.send?.({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
}
