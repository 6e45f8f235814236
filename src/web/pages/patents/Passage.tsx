import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatentHit } from '../../../shared/contracts/patents-api';
import { highlightParts } from './searchState';

type Snippet = PatentHit['snippets'][number];

/** One passage of a hit, where it comes from (claim 3, paragraph [0012]) and its matched words marked. */
export function Passage({ snippet }: { snippet: Snippet }) {
  const { t } = useTranslation();
  const where =
    snippet.field === 'claims' || snippet.field === 'description'
      ? t(`patents.search.field.${snippet.field}`, { ref: snippet.ref ?? '' })
      : t(`patents.search.field.${snippet.field}`);
  return (
    <Text size="sm">
      <Text span size="xs" c="dimmed" mr={6}>
        {where}
      </Text>
      {snippet.start > 0 && '… '}
      {highlightParts(snippet).map((part, i) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one passage never move.
          <mark key={i}>{part.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one passage never move.
          <span key={i}>{part.text}</span>
        ),
      )}
      {' …'}
    </Text>
  );
}
