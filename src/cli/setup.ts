/**
 * `npm run setup -- notion --parent <page URL or id>`: creates the Notion tickets database with
 * the schema the app needs (again: finds it and adds what is missing) and prints its id.
 * `npm run setup -- notion --check [--fix]`: checks the configured database.
 * Reads .env if present; the real environment wins over it.
 */
import { existsSync } from 'node:fs';
import { terminalOutput } from '../setup/output.js';
import { setupMain } from '../setup/setup-main.js';

if (existsSync('.env')) process.loadEnvFile('.env');
process.exitCode = await setupMain(process.argv.slice(2), process.env, terminalOutput);
