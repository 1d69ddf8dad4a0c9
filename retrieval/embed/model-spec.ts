/**
 * How each embedding model family wants to be fed: the text prefixes it was trained with,
 * the token budget per text and the pooling. Data in models.json, matched by model id.
 */
import { z } from 'zod';
import table from './models.json' with { type: 'json' };

const specSchema = z.object({
  queryPrefix: z.string(),
  passagePrefix: z.string(),
  maxTokens: z.number().int().positive(),
  pooling: z.enum(['mean', 'cls']),
});

const tableSchema = z.object({
  models: z.array(specSchema.extend({ pattern: z.string(), note: z.string().optional() })),
  default: specSchema,
});

export type ModelSpec = z.infer<typeof specSchema>;

const parsed = tableSchema.parse(table);
const rules = parsed.models.map(({ pattern, ...spec }) => ({ re: new RegExp(pattern, 'i'), spec: specSchema.parse(spec) }));

/** The first rule whose pattern matches the model id, else the default (no prefixes). */
export function modelSpec(modelId: string): ModelSpec {
  return rules.find((r) => r.re.test(modelId))?.spec ?? parsed.default;
}
