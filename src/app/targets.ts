/** Plan targets from a JSON file, for --targets and the pane's "Tải chỉ tiêu…" alike: a wrong file refused in Vietnamese. */
import { loadTargets, type TargetSet } from "../catalog/targets";
import type { TemplateSpec } from "../catalog/types";
import { parseJsonFile } from "./json-file";

/** The file's text → its target set. Throws an Error naming the file (not JSON) or a CatalogError (wrong rows). */
export function targetsFromText(text: string, fileName: string, templates: TemplateSpec[]): TargetSet {
  return loadTargets(parseJsonFile(text, fileName), fileName, templates);
}
