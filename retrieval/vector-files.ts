/**
 * The vector index's files: the sidecar's shape and the file operations a crash-safe save
 * needs (vector-index.ts says how a save commits).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

/** File operations save() uses; tests replace one to fail midway. */
export interface IndexIo {
  writeFile(file: string, data: string): void;
  rename(from: string, to: string): void;
}

export const sidecarSchema = z.object({
  format: z.literal(1),
  modelId: z.string(),
  dim: z.number().int().positive(),
  indexFile: z.string(),
  sha256: z.string(),
  generation: z.number().int().nonnegative(),
  nextLabel: z.number().int().nonnegative(),
  entries: z.array(z.tuple([z.string(), z.number().int().nonnegative(), z.string().nullable()])),
});
export type Sidecar = z.infer<typeof sidecarSchema>;

export const defaultIo: IndexIo = {
  writeFile(file, data) {
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
};

/** A model id as a file-name part: "Xenova/multilingual-e5-small" → "Xenova__multilingual-e5-small". */
export function safeModelId(modelId: string): string {
  return modelId.replace(/\//g, '__').replace(/[^\w.-]/g, '_');
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function fsyncPath(target: string, flags: 'r' | 'r+' = 'r'): void {
  const fd = fs.openSync(target, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
