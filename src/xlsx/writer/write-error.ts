/** Every error of the writer (bad sheet name, NaN, rows out of order…); the message is Vietnamese. */
export class XlsxWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxWriteError";
  }
}
