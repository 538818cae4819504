import { z } from 'zod';

/**
 * The parts of Canvas Kit's initialize and submit requests the app reads. Intercom sends much more
 * (workspace, contact, the whole conversation); unknown keys are allowed through and ignored.
 * Ids arrive as strings in the docs and as numbers in some examples: both are accepted.
 */
const id = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).transform(String);

const admin = z.looseObject({
  id,
  name: z.string().max(500).nullish(),
  email: z.string().max(500).nullish(),
});

const conversation = z.looseObject({ id }, { error: 'This app works in a conversation: conversation.id is missing.' });

// Where the workspace lives ("us", "eu", "au"): the conversation links follow it. An unknown value is
// ignored rather than refused: a new region must not break the panel.
const workspaceRegion = z.string().max(40).nullish();

export const initializeRequestSchema = z.looseObject({
  admin,
  conversation,
  workspace_region: workspaceRegion,
});

const inputValue = z.union([z.string().max(100_000), z.array(z.string().max(1000)).max(100), z.number(), z.boolean(), z.null()]);

export const submitRequestSchema = z.looseObject({
  admin,
  conversation,
  workspace_region: workspaceRegion,
  component_id: z.string().min(1).max(200),
  input_values: z.record(z.string().max(200), inputValue).nullish(),
  // Intercom's OpenAPI nests the canvas once more (`current_canvas.current_canvas`) than the real
  // inbox sends it: both are accepted.
  current_canvas: z
    .looseObject({
      stored_data: z.unknown().optional(),
      current_canvas: z.looseObject({ stored_data: z.unknown().optional() }).nullish(),
    })
    .nullish(),
});

export type InitializeRequest = z.infer<typeof initializeRequestSchema>;
export type SubmitRequest = z.infer<typeof submitRequestSchema>;
