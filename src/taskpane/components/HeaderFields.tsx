/** The unit and the period a sheet's header names (a form inserted, the province's consolidation). */
import { Field, Input } from "@fluentui/react-components";
import { useCommonStyles } from "./common";

export function HeaderFields(props: {
  /** "insert" → data-testid "insert-unit", "insert-period" */
  testIdPrefix: string;
  unitLabel: string;
  unitPlaceholder: string;
  periodPlaceholder: string;
  unit: string;
  period: string;
  onUnit: (v: string) => void;
  onPeriod: (v: string) => void;
}) {
  const s = useCommonStyles();
  const fields = [
    { key: "unit", label: props.unitLabel, value: props.unit, placeholder: props.unitPlaceholder, onChange: props.onUnit },
    { key: "period", label: "Kỳ báo cáo", value: props.period, placeholder: props.periodPlaceholder, onChange: props.onPeriod },
  ];
  return (
    <>
      {fields.map((f) => (
        <Field key={f.key} label={f.label} className={s.field}>
          <Input
            value={f.value}
            onChange={(_, d) => f.onChange(d.value)}
            placeholder={f.placeholder}
            data-testid={`${props.testIdPrefix}-${f.key}`}
          />
        </Field>
      ))}
    </>
  );
}
