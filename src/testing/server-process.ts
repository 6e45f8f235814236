import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `kpo serve` as a real child process from the sources and waits until it is ready. */
export function startServerProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['bin/kpo.js', 'serve', '--port', '0', ...args], {
    env: { ...process.env, KPO_FROM_SOURCE: '1', KPO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // From the sources (tsx) on a busy machine a start can take a minute; a test's own time-out should be longer.
    const timer = setTimeout(() => reject(new Error(`kpo serve did not start within 180 s:\n${output}`)), 180_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const ready = /is ready at (http:\/\/\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve({
          url: ready[1],
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kpo serve exited with ${code}:\n${output}`));
    });
  });
}
