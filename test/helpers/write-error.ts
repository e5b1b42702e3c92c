import { XlsxWriteError } from "../../src/xlsx/fast-writer";

/** The message of the XlsxWriteError `f` throws; fails the test when it throws nothing or something else. */
export function writeErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxWriteError);
    return (e as Error).message;
  }
  throw new Error("no error");
}
