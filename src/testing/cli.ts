import { runCli } from '../cli/main.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `kpo …` in this process, the way a person at a terminal would, capturing its output. */
export async function kpo(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: { KPO_LOG_LEVEL: 'silent', ...env },
    readStdin: () => stdin,
  });
  return { code, out, err };
}
