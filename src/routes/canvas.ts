import { Hono } from 'hono';
import { parseAction } from '../../canvases/actions.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import { AppError } from '../errors.js';
import { type BodyBudget, budgetedBody, requireOneOfHeaders } from '../http/body-budget.js';
import { type BodyVariables, limitBody, verifiedIntercomJson } from '../http/middleware.js';
import { validate } from '../http/validate.js';
import { parseWorkspaceRegion } from '../domain/intercom-region.js';
import { type InitializeRequest, initializeRequestSchema, submitRequestSchema } from './canvas-requests.js';
import { type CanvasDeps, initializeCanvasFor, submitCanvas } from './canvas-submit.js';

/**
 * Canvas Kit, inbox "Conversation details": POST /canvas/initialize when the panel opens,
 * POST /canvas/submit when a teammate clicks. Verify, validate, call a flow, render.
 */
export function canvasRoutes(deps: CanvasDeps & { clientSecrets: readonly string[]; bodyBudget: BodyBudget }): Hono<{ Variables: BodyVariables }> {
  const app = new Hono<{ Variables: BodyVariables }>();
  app.use(
    '*',
    limitBody(),
    requireOneOfHeaders(['x-body-signature'], 'Missing X-Body-Signature.'),
    budgetedBody(deps.bodyBudget),
    verifiedIntercomJson(deps.clientSecrets),
  );

  app.post('/initialize', async (c) => {
    const request = validate(initializeRequestSchema, c.var.body, 'Canvas Kit initialize request');
    remember(deps, request);
    return c.json(await initializeCanvasFor(deps, request.conversation.id));
  });

  app.post('/submit', async (c) => {
    const request = validate(submitRequestSchema, c.var.body, 'Canvas Kit submit request');
    const action = parseAction(request.component_id);
    if (!action) throw new AppError('invalid_request', 400, `Unknown component_id ${JSON.stringify(request.component_id)}.`);
    remember(deps, request);
    const clicked = {
      conversationId: request.conversation.id,
      adminId: request.admin.id,
      inputs: request.input_values ?? {},
      stored: parseStoredData(request.current_canvas?.stored_data ?? request.current_canvas?.current_canvas?.stored_data),
    };
    return c.json(await submitCanvas(deps, clicked, action));
  });

  return app;
}

/** What a canvas request tells about the teammate (their name, for Slack) and the workspace (its region, for links). */
function remember(deps: CanvasDeps, request: InitializeRequest): void {
  deps.flows.settings.intercom.noteRegion(parseWorkspaceRegion(request.workspace_region));
  const admin = request.admin;
  if (admin.name) deps.flows.teammates.remember({ id: admin.id, name: admin.name, email: admin.email ?? null });
}
