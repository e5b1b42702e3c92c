/** The output file of a command (template, fill, consolidate): checked before any work, written atomically. */
import { checkOutput, OutputError, writeAtomically } from "../node/output";
import { UserError, type CliIO } from "./program";

/**
 * An .xlsx path in an existing folder, not a folder itself, and none of
 * `inputs` (compared by identity: links and other spellings are caught); an
 * existing file is kept unless --force.
 */
export function checkOutputPath(output: string, force: boolean, inputs: string[] = []): string {
  try {
    return checkOutput(output, { force, inputs });
  } catch (e) {
    if (e instanceof OutputError) throw new UserError(e.message);
    throw e;
  }
}

/** Writes the output through a temporary file renamed at the end; `write` gets the temporary path. */
export async function writeOrExplain(output: string, write: (temporary: string) => Promise<unknown> | unknown, io?: CliIO): Promise<void> {
  try {
    await writeAtomically(output, async (temporary) => void (await write(temporary)), io ? (m) => io.err(m) : undefined);
  } catch (e) {
    if (e instanceof OutputError) throw new UserError(e.message);
    throw e;
  }
}
