import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';

/** Screenshots of each step land here (git-ignored). */
export const ARTIFACTS_DIR = 'test/artifacts';

export interface Simulator {
  sandbox: Sandbox;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page's script; each test expects none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The sandbox in this process on a free port, and a headless Chromium at 1400×900. */
export async function startSimulator(): Promise<Simulator> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const sandbox = await startSandbox({ LOG_LEVEL: 'silent', DONE_SETTLE_SECONDS: '0' }, 'forced', { port: 0, quiet: true });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // A script error would otherwise show up only as a missing element several steps later.
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return {
    sandbox,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await sandbox.close();
    },
  };
}

/** Locators for the simulator's stable hooks (data-testid and data-* attributes). */
export function simulatorView(page: Page) {
  const panel = page.getByTestId('app-panel');
  const slack = page.getByTestId('slack-view');
  return {
    panel,
    conversation: (id: string): Locator => page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`),
    messages: (partType: string): Locator => page.locator(`[data-testid="message"][data-part-type="${partType}"]`),
    component: (id: string): Locator => panel.locator(`[data-testid="canvas-component"][data-component-id="${id}"]`),
    /** The first text component: every canvas of the app opens with its heading. */
    heading: panel.locator('[data-testid="canvas-component"][data-component-type="text"]').first(),
    notionRow: (ticketId: string): Locator => page.locator(`[data-testid="notion-row"][data-ticket-id="${ticketId}"]`),
    slackChannel: (namePrefix: string): Locator => slack.locator(`[data-testid="slack-channel"][data-channel-name^="${namePrefix}"]`),
    slackChannelView: page.getByTestId('slack-channel-view'),
    slackMembers: slack.getByTestId('slack-member'),
    slackMessages: slack.getByTestId('slack-message-text'),
  };
}
