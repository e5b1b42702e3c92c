/** The look of "Tổng hợp"'s lists: one row per file or unit, its badge coloured by state. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { UnitStatus } from "../../../core/consolidate";
import type { FileState } from "../../../app/consolidation";

export const useListStyles = makeStyles({
  item: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: "6px",
    rowGap: "2px",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    padding: "3px 0",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: "anywhere",
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  reason: { color: tokens.colorNeutralForeground3, flexBasis: "100%" },
});

type BadgeColor = "success" | "warning" | "danger" | "informative";

export const STATE_COLOR: Record<FileState | "pending", BadgeColor> = {
  ok: "success",
  errors: "danger",
  unreadable: "danger",
  "no-form": "danger",
  pending: "informative",
};

export const STATUS_COLOR: Record<UnitStatus, BadgeColor> = {
  ok: "success",
  errors: "danger",
  excluded: "warning",
  duplicate: "informative",
  unreadable: "danger",
  "no-form": "danger",
  "other-template": "danger",
  "own-output": "informative",
  "other-period": "warning",
};
