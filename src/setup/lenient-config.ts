import { extractDatabaseId } from '@notionhq/client';
import { envSchema, type REQUIRED_CREDENTIALS } from '../config/env-schema.js';
import { configProblem, loadConfig, NOT_A_DATABASE_ID, type Config } from '../config/load-config.js';

type EnvSource = Record<string, string | undefined>;

/**
 * The configuration as far as it is usable. The doctor checks every service whose variables are
 * fine even when others are wrong (fixing one variable at a time should not hide the rest), and
 * `npm run setup` needs only the Notion variables. Invalid variables are listed with their fix
 * and stood in for by placeholders, so `config` must not be read for a variable in `invalid`.
 */
export interface LenientConfig {
  config: Config;
  /** Variable name -> what is wrong and how to fix it, worded like loadConfig's problems. */
  invalid: Map<string, string>;
}

/** Valid stand-ins for missing required values; never sent anywhere (their checks are skipped). */
const PLACEHOLDERS: Record<(typeof REQUIRED_CREDENTIALS)[number], string> = {
  INTERCOM_API_KEY: 'placeholder',
  INTERCOM_APP_ID: 'placeholder',
  INTERCOM_ADMIN_ID: '0',
  INTERCOM_CLIENT_SECRET: 'placeholder',
  NOTION_API_KEY: 'placeholder',
  NOTION_DATABASE_ID: '00000000000000000000000000000000',
  SLACK_API_TOKEN: 'placeholder',
  API_TOKEN: 'placeholder-placeholder',
};

export function lenientConfig(env: EnvSource): LenientConfig {
  const invalid = invalidVariables(env);
  const patched: EnvSource = { ...env };
  for (const name of invalid.keys()) {
    if (Object.hasOwn(PLACEHOLDERS, name)) patched[name] = PLACEHOLDERS[name as keyof typeof PLACEHOLDERS];
    else delete patched[name];
  }
  return { config: loadConfig(patched), invalid };
}

/** Each variable checked on its own against env-schema, so one bad value does not hide another. */
export function invalidVariables(env: EnvSource): Map<string, string> {
  const invalid = new Map<string, string>();
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const parsed = schema.safeParse(env[name]);
    if (!parsed.success) invalid.set(name, configProblem(name, env[name], parsed.error.issues[0]?.message ?? 'invalid'));
  }
  if (!invalid.has('NOTION_DATABASE_ID') && !extractDatabaseId(env.NOTION_DATABASE_ID ?? '')) {
    invalid.set('NOTION_DATABASE_ID', configProblem('NOTION_DATABASE_ID', env.NOTION_DATABASE_ID, NOT_A_DATABASE_ID));
  }
  return invalid;
}

