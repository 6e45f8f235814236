import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';

interface NameInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  /** Called once the person leaves the field (or presses Enter), so formulas are renamed once, not at every letter. */
  onCommit: (value: string) => void;
}

/** A name of a segment or a line: typed freely, applied when the field is left. */
export function NameInput({ value, onCommit, readOnly, ...rest }: NameInputProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text.trim());
  };
  return (
    <TextInput
      {...rest}
      value={text}
      readOnly={readOnly === true}
      variant={readOnly ? 'filled' : 'default'}
      spellCheck={false}
      autoCapitalize="off"
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}
