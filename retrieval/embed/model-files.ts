/**
 * The files a transformers.js 2.17 text model needs in `<modelsDir>/<org>/<name>/`, shared by
 * the loader (is the folder complete?) and models:fetch (what to download).
 */
import fs from 'node:fs';
import path from 'node:path';

export const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
export const OPTIONAL_FILES = ['special_tokens_map.json'] as const;
/** transformers.js builds `onnx/model${quantized ? '_quantized' : ''}.onnx`; the quantized file is preferred. */
export const QUANTIZED_ONNX = 'onnx/model_quantized.onnx';
export const FP32_ONNX = 'onnx/model.onnx';

export function modelDir(modelsDir: string, modelId: string): string {
  return path.join(modelsDir, ...modelId.split('/'));
}

export type FolderCheck =
  | { complete: true; quantized: boolean }
  | { complete: false; missing: string[] };

function nonEmptyFile(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** Which of the needed files are absent (or empty) in a model folder. */
export function checkModelFolder(dir: string): FolderCheck {
  const missing: string[] = REQUIRED_FILES.filter((f) => !nonEmptyFile(path.join(dir, f)));
  const quantized = nonEmptyFile(path.join(dir, QUANTIZED_ONNX));
  if (!quantized && !nonEmptyFile(path.join(dir, FP32_ONNX))) missing.push(`${QUANTIZED_ONNX} or ${FP32_ONNX}`);
  return missing.length === 0 ? { complete: true, quantized } : { complete: false, missing };
}
