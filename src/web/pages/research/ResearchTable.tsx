import { Table, type TableProps, type TableTdProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table of a canvas page: scrolls sideways when narrower than `minWidth`, with its header row
 * (`head`, the header cells) and its rows. Other props (its name for screen readers, test ids) go
 * to the table.
 */
export function ResearchTable({
  minWidth,
  head,
  children,
  ...table
}: TableProps & { minWidth: number; head: ReactNode; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs" {...table}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A figure in a table: right-aligned, in digits of one width. */
export function FigureCell(props: TableTdProps) {
  return <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} {...props} />;
}
