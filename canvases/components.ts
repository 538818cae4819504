/**
 * Canvas Kit response JSON, as zod schemas. intercom-client v7 dropped its Canvas Kit types, so
 * the shapes live here (after the Canvas Kit reference and intercom-client v6.4.0's types).
 * Only the components and fields this app uses are allowed; objects are strict so a typo in a
 * builder fails the tests instead of being ignored by Intercom.
 */
import { z } from 'zod';

/**
 * Intercom documents "Max Size is 64KB" for `content` and for `stored_data` without saying
 * whether a KB is 1,000 or 1,024 bytes; the smaller reading is the safe one.
 */
export const CANVAS_PART_MAX_BYTES = 64_000;

const componentId = z.string().min(1).max(255);
const saveState = z.enum(['unsaved', 'saved', 'failed']);

export const submitActionSchema = z.strictObject({ type: z.literal('submit') });
export const urlActionSchema = z.strictObject({ type: z.literal('url'), url: z.url({ protocol: /^https?$/ }) });
/** The inbox supports only these two actions (sheets are Messenger-only). */
export const actionSchema = z.discriminatedUnion('type', [submitActionSchema, urlActionSchema]);

export const textSchema = z.strictObject({
  type: z.literal('text'),
  id: componentId.optional(),
  text: z.string().min(1),
  align: z.enum(['left', 'center', 'right']).optional(),
  style: z.enum(['header', 'paragraph', 'muted', 'error']).optional(),
  bottom_margin: z.literal('none').optional(),
});

export const buttonSchema = z.strictObject({
  type: z.literal('button'),
  id: componentId,
  label: z.string().min(1),
  action: actionSchema,
  style: z.enum(['primary', 'secondary', 'link']).optional(),
  disabled: z.boolean().optional(),
});

export const inputSchema = z.strictObject({
  type: z.literal('input'),
  id: componentId,
  label: z.string().optional(),
  placeholder: z.string().optional(),
  value: z.string().optional(),
  action: actionSchema.optional(),
  save_state: saveState.optional(),
  disabled: z.boolean().optional(),
});

export const textareaSchema = z.strictObject({
  type: z.literal('textarea'),
  id: componentId,
  label: z.string().optional(),
  placeholder: z.string().optional(),
  value: z.string().optional(),
  error: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

export const optionSchema = z.strictObject({
  type: z.literal('option'),
  id: componentId,
  text: z.string().min(1),
  disabled: z.boolean().optional(),
});

export const dropdownSchema = z
  .strictObject({
    type: z.literal('dropdown'),
    id: componentId,
    // Canvas Kit renders 2 to 10 options; builders must fall back to something else for one.
    options: z.array(optionSchema).min(2).max(10),
    label: z.string().optional(),
    value: z.string().optional(),
    save_state: saveState.optional(),
    disabled: z.boolean().optional(),
  })
  .superRefine((dropdown, ctx) => {
    const ids = dropdown.options.map((option) => option.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'dropdown option ids must be unique' });
    if (dropdown.value !== undefined && !ids.includes(dropdown.value)) {
      ctx.addIssue({ code: 'custom', message: `dropdown value "${dropdown.value}" is not one of its options` });
    }
  });

export const listItemSchema = z.strictObject({
  type: z.literal('item'),
  id: componentId,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  tertiary_text: z.string().optional(),
  action: actionSchema.optional(),
  disabled: z.boolean().optional(),
});

export const listSchema = z.strictObject({
  type: z.literal('list'),
  items: z.array(listItemSchema).min(1),
  disabled: z.boolean().optional(),
});

export const dataTableSchema = z.strictObject({
  type: z.literal('data-table'),
  items: z.array(z.strictObject({ type: z.literal('field-value'), field: z.string().min(1), value: z.string() })).min(1),
});

export const dividerSchema = z.strictObject({
  type: z.literal('divider'),
  id: componentId.optional(),
  bottom_margin: z.literal('none').optional(),
});

export const spacerSchema = z.strictObject({
  type: z.literal('spacer'),
  id: componentId.optional(),
  size: z.enum(['xs', 's', 'm', 'l', 'xl']).optional(),
});

export const componentSchema = z.discriminatedUnion('type', [
  textSchema,
  buttonSchema,
  inputSchema,
  textareaSchema,
  dropdownSchema,
  listSchema,
  dataTableSchema,
  dividerSchema,
  spacerSchema,
]);

export const contentSchema = z.strictObject({ components: z.array(componentSchema).min(1) });

export const canvasResponseSchema = z
  .strictObject({
    canvas: z.strictObject({
      content: contentSchema,
      stored_data: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .superRefine((response, ctx) => {
    for (const message of canvasLimitProblems(response)) ctx.addIssue({ code: 'custom', message });
  });

export type SubmitAction = z.infer<typeof submitActionSchema>;
export type UrlAction = z.infer<typeof urlActionSchema>;
export type Action = z.infer<typeof actionSchema>;
export type TextComponent = z.infer<typeof textSchema>;
export type ButtonComponent = z.infer<typeof buttonSchema>;
export type InputComponent = z.infer<typeof inputSchema>;
export type TextareaComponent = z.infer<typeof textareaSchema>;
export type DropdownOption = z.infer<typeof optionSchema>;
export type DropdownComponent = z.infer<typeof dropdownSchema>;
export type ListItem = z.infer<typeof listItemSchema>;
export type ListComponent = z.infer<typeof listSchema>;
export type DataTableComponent = z.infer<typeof dataTableSchema>;
export type DividerComponent = z.infer<typeof dividerSchema>;
export type SpacerComponent = z.infer<typeof spacerSchema>;
export type CanvasComponent = z.infer<typeof componentSchema>;
export type CanvasContent = z.infer<typeof contentSchema>;
export type CanvasResponse = z.infer<typeof canvasResponseSchema>;

/** The ids a submit can report as `component_id`: components and list items share one namespace. */
function componentIds(components: readonly CanvasComponent[]): string[] {
  const ids: string[] = [];
  for (const component of components) {
    if (component.type === 'list') ids.push(...component.items.map((item) => item.id));
    else if ('id' in component && component.id !== undefined) ids.push(component.id);
  }
  return ids;
}

export function jsonByteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

/** What breaks Canvas Kit's rules beyond the shapes: duplicate ids, parts over 64 KB. */
export function canvasLimitProblems(response: CanvasResponse): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const id of componentIds(response.canvas.content.components)) {
    if (seen.has(id)) problems.push(`component id "${id}" is used more than once`);
    seen.add(id);
  }
  const contentBytes = jsonByteLength(response.canvas.content);
  if (contentBytes > CANVAS_PART_MAX_BYTES) {
    problems.push(`content is ${contentBytes} bytes, over the ${CANVAS_PART_MAX_BYTES}-byte limit`);
  }
  const storedBytes = jsonByteLength(response.canvas.stored_data ?? {});
  if (storedBytes > CANVAS_PART_MAX_BYTES) {
    problems.push(`stored_data is ${storedBytes} bytes, over the ${CANVAS_PART_MAX_BYTES}-byte limit`);
  }
  return problems;
}

/** Throws a RangeError naming every problem; builders cap their text, so this means a bug. */
export function assertCanvasLimits(response: CanvasResponse): void {
  const problems = canvasLimitProblems(response);
  if (problems.length > 0) throw new RangeError(`[canvases] invalid canvas: ${problems.join('; ')}`);
}

/**
 * Wraps components and stored data into a response and validates it, so no builder can hand
 * Intercom a canvas it would reject.
 */
export function canvasResponse(components: CanvasComponent[], storedData: Record<string, unknown>): CanvasResponse {
  const response: CanvasResponse = { canvas: { content: { components }, stored_data: storedData } };
  assertCanvasLimits(response);
  return canvasResponseSchema.parse(response);
}
