import type { MantineColor } from '@mantine/core';

/** Series colours in order (banner columns, stub rows): distinct hues, repeated past twelve. */
const PALETTE: MantineColor[] = [
  'blue.6',
  'orange.6',
  'teal.6',
  'grape.6',
  'red.6',
  'cyan.7',
  'lime.7',
  'indigo.6',
  'pink.6',
  'yellow.7',
  'violet.6',
  'green.7',
];

export const seriesColor = (index: number): MantineColor => PALETTE[index % PALETTE.length] as MantineColor;
