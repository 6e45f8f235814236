/** Where a `kpo` command reads and writes: the terminal, or a test. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  readStdin?: () => string;
}
