import { ActionIcon, Button, Group, Input, Stack } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LimitedTextInput } from '../../../components/LimitedText';

interface TextListInputProps {
  label: string;
  /** The label of one line, given its 1-based number: "Deliverable 2". */
  itemLabel: (n: number) => string;
  addLabel: string;
  value: string[];
  onChange: (value: string[]) => void;
  description?: string | undefined;
  /** Issues by line index. */
  errors?: (index: number) => string | undefined;
  error?: string | undefined;
  maxLength?: number;
}

/** A list of one-line texts (deliverables): add, edit, remove. */
export function TextListInput({
  label,
  itemLabel,
  addLabel,
  value,
  onChange,
  description,
  errors,
  error,
  maxLength = 300,
}: TextListInputProps) {
  const { t } = useTranslation();
  const set = (index: number, text: string) => onChange(value.map((v, i) => (i === index ? text : v)));
  return (
    <Input.Wrapper label={label} description={description} error={error}>
      <Stack gap={6} mt={4}>
        {value.map((item, index) => (
          // Lines have no identity but their place; editing keeps the order.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={index} gap={6} wrap="nowrap" align="flex-start">
            <LimitedTextInput
              aria-label={itemLabel(index + 1)}
              value={item}
              onChange={(e) => set(index, e.currentTarget.value)}
              error={errors?.(index)}
              limit={maxLength}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t('engagements.form.removeItem', { item: itemLabel(index + 1) })}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...value, ''])}
          w="fit-content"
        >
          {addLabel}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
