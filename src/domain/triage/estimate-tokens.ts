/**
 * A rough token count for prompt-size reporting: about four characters a token, the usual rule
 * of thumb for English with Gemini and GPT tokenizers. Good enough to watch the prompt stay a fixed
 * size; the model's own usageMetadata is the exact figure.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
