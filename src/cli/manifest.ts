/**
 * `npm run manifest [-- --public-url https://…] [-- --json]`: what to paste into the Intercom,
 * Notion and Slack consoles, step by step, from intercom-app.json with the URLs filled in.
 * Reads .env if present (for PUBLIC_URL); the real environment wins over it.
 */
import { existsSync } from 'node:fs';
import { manifestMain } from '../setup/manifest-main.js';
import { terminalOutput } from '../setup/output.js';

if (existsSync('.env')) process.loadEnvFile('.env');
process.exitCode = manifestMain(process.argv.slice(2), process.env, terminalOutput);
