import type { Config } from '../config/load-config.js';
import { failedCall } from './call-failure.js';
import { fail, ok, warn, type CheckGroup, type CheckResult } from './checks.js';
import { notionApi } from './notion-api.js';
import { identifyIntegration, retrieveTicketDatabase, SetupError, type Integration, type TicketDatabase } from './notion-setup.js';
import { describeProblem, missingProperties, NOTION_SCHEMA_VARIABLES, reviewSchema, specFromConfig } from './ticket-properties.js';


/** The integration token, the tickets database being shared with it, and its schema. */
export function notionChecks(config: Config, timeoutMs: number): CheckGroup {
  const api = notionApi({ apiKey: config.notion.apiKey, baseUrl: config.notion.baseUrl, timeoutMs });
  const spec = specFromConfig(config);
  let integration: Integration | undefined;
  let database: TicketDatabase | undefined;

  return {
    name: 'Notion',
    checks: [
      {
        id: 'notion.token',
        title: 'Integration token (NOTION_API_KEY)',
        uses: ['NOTION_API_KEY', 'NOTION_API_BASE_URL'],
        async run() {
          try {
            integration = await identifyIntegration(api);
          } catch (err) {
            return setupFailure(err);
          }
          return ok(`valid; integration "${integration.name}"${integration.workspace ? ` in the workspace "${integration.workspace}"` : ''}`);
        },
      },
      {
        id: 'notion.database',
        title: 'Tickets database (NOTION_DATABASE_ID)',
        uses: ['NOTION_DATABASE_ID'],
        needs: 'notion.token',
        async run() {
          try {
            database = await retrieveTicketDatabase(api, config.notion.databaseId, integration!);
          } catch (err) {
            return setupFailure(err);
          }
          return ok(`"${database.title}" is shared with the integration`);
        },
      },
      {
        id: 'notion.schema',
        title: 'Tickets schema',
        uses: NOTION_SCHEMA_VARIABLES,
        needs: 'notion.database',
        async run() {
          const properties = database!.dataSource.properties;
          const { problems, warnings } = reviewSchema(properties, spec);
          const lines = (list: typeof problems) => list.map((p) => `${describeProblem(p)}: ${p.fix}`);
          if (problems.length > 0) {
            const fixer = missingProperties(properties, spec).length > 0 ? ['`npm run setup -- notion --check --fix` adds the missing properties.'] : [];
            return fail(`${problems.length} ${problems.length === 1 ? 'property does' : 'properties do'} not fit the app`, ...lines(problems), ...lines(warnings), ...fixer);
          }
          if (warnings.length > 0) return warn('every property fits the app, but', ...lines(warnings));
          return ok(`every property fits the app (${Object.values(spec.names).join(', ')})`);
        },
      },
    ],
  };
}

/** The set-up steps already word their failures with a fix; a check only reshapes them. */
function setupFailure(err: unknown): CheckResult {
  if (err instanceof SetupError) return fail(err.message, ...err.fixes);
  return failedCall(err, 'Notion', 'NOTION_API_BASE_URL');
}
