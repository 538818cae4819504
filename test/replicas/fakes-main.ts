import { startFakesServer } from '../../src/sandbox/fakes-server.js';

/**
 * The Notion, Slack and Intercom fakes as a process of their own, shared by the replicas under
 * test: `node --import tsx test/replicas/fakes-main.ts`. Prints `{"url": …/sandbox}` once
 * listening; the test reads and steers the fakes through their /sandbox/api routes. Exits when its
 * stdin closes, so a test runner that dies does not leave it behind.
 */
const fakes = await startFakesServer({ seed: 'empty' });
// Nobody listens for Notion's webhooks: the tests deliver each event themselves, to the replica they choose.
fakes.world.webhooks.target = null;
process.stdout.write(`${JSON.stringify({ url: fakes.url })}\n`);

const stop = () => void fakes.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.on('end', stop).resume();
