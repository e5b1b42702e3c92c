/** A patch that cannot be applied safely; the message is for the user (Vietnamese). */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PatchError";
  }
}
