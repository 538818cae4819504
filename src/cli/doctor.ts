/**
 * `npm run doctor [-- --sandbox] [-- --json]`: checks the configuration and every service the
 * app talks to, one line per check with the fix for each problem. Reads .env if present; the
 * real environment wins over it.
 */
import { existsSync } from 'node:fs';
import { doctorMain } from '../setup/doctor-main.js';
import { terminalOutput } from '../setup/output.js';

if (existsSync('.env')) process.loadEnvFile('.env');
process.exitCode = await doctorMain(process.argv.slice(2), process.env, terminalOutput);
