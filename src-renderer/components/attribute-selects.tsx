// The selects of the attributes chosen from a fixed list — a claim's status, a warning's severity and category — for the tag's details and "tag all results".
import type { z } from 'zod';
import {
  ClaimStatusSchema,
  WARNING_CATEGORY_LABELS,
  WarningCategorySchema,
  WarningSeveritySchema,
  type ClaimStatus,
  type WarningCategory,
  type WarningSeverity,
} from '../../src-shared/model/annotation';

interface SelectProps<T extends string> {
  value: T;
  onChange: (value: T) => void;
  autoFocus?: boolean;
}

function AttributeSelect<T extends string>(props: SelectProps<T> & { label: string; schema: z.ZodEnum<{ [K in T]: K }>; text?: (value: T) => string }) {
  const { label, schema, text = (value: T) => value } = props;
  return (
    <label>
      {label}
      <select autoFocus={props.autoFocus} value={props.value} onChange={(e) => props.onChange(schema.parse(e.target.value))}>
        {schema.options.map((option) => (
          <option key={option} value={option}>{text(option)}</option>
        ))}
      </select>
    </label>
  );
}

export function ClaimStatusSelect(props: SelectProps<ClaimStatus>) {
  return <AttributeSelect label="Status" schema={ClaimStatusSchema} {...props} />;
}

export function WarningSeveritySelect(props: SelectProps<WarningSeverity>) {
  return <AttributeSelect label="Severity" schema={WarningSeveritySchema} {...props} />;
}

export function WarningCategorySelect(props: SelectProps<WarningCategory>) {
  return <AttributeSelect label="Category" schema={WarningCategorySchema} text={(c) => WARNING_CATEGORY_LABELS[c]} {...props} />;
}
