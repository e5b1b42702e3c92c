/** One pane action at a time: busy while it runs, its outcome (or its error, in Vietnamese) shown and brought into view. */
import { useState } from "react";
import { errorText, useBringIntoView } from "../components/common";

export interface Outcome {
  intent: "success" | "error" | "warning";
  text: string;
}

export function useAction<T extends HTMLElement = HTMLDivElement>() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [ref, bring] = useBringIntoView<T>();
  /** Runs `what`; a string it returns is a success, an exception an error. */
  const run = async (what: () => Promise<Outcome | string>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const done = await what();
      setOutcome(typeof done === "string" ? { intent: "success", text: done } : done);
    } catch (e) {
      setOutcome({ intent: "error", text: errorText(e) });
    } finally {
      setBusy(false);
      bring();
    }
  };
  /** An outcome from elsewhere (a failed click), brought into view the same way. */
  const show = (o: Outcome | undefined) => {
    setOutcome(o);
    if (o) bring();
  };
  return { busy, outcome, ref, run, show };
}
